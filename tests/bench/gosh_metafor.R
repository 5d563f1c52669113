#!/usr/bin/env Rscript
# metafor's side of tests/bench/bench_gosh.cpp: times gosh() on the same data.
# Usage: Rscript gosh_metafor.R data.csv METHOD N
#   data.csv has columns yi, vi; N random subsets are fitted (gosh(res, subsets = N)), which
#   costs metafor the same per fit as the exhaustive run (one rma.uni() call per subset).
# Prints one line: "metafor_fits N seconds S per_fit_s P".
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1])
res <- rma(yi, vi, data = d, method = args[2])
n <- as.integer(args[3])
set.seed(1)
t <- system.time(g <- gosh(res, subsets = n, progbar = FALSE))[["elapsed"]]
cat(sprintf("metafor_fits %d seconds %.3f per_fit_s %.6g\n", nrow(g$res), t, t / nrow(g$res)))
