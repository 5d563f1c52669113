#!/usr/bin/env Rscript
# metafor's side of tests/bench/bench_permutest.cpp: times permutest() on the same model.
# Usage: Rscript permutest_metafor.R bcg.csv METHOD ITER
#   bcg.csv is tests/golden/metareg/bcg.csv (yi, vi, ablat); the model is
#   rma(yi, vi, mods = ~ ablat, method = METHOD) and permutest() draws ITER permutations.
# Prints one line: "metafor_iter N seconds S QMp P".
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
res <- rma(yi, vi, mods = ~ ablat, data = d, method = args[2])
n <- as.integer(args[3])
set.seed(1)
t <- system.time(p <- permutest(res, iter = n, progbar = FALSE))[["elapsed"]]
cat(sprintf("metafor_iter %d seconds %.3f QMp %.4f\n", n, t, p$QMp))
