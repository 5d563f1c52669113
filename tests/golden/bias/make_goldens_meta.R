#!/usr/bin/env Rscript
# Golden values for Peters' and Harbord's tests (src/methods/regtest.h binary_bias_test), made
# with R's meta 7.0-0 (install: sh /work/shared/tools/r-meta/install.sh) and metadat. Rerun from
# this directory with `Rscript make_goldens_meta.R`; it rewrites binary_inputs.csv,
# binary_bias.csv (17 significant digits) and made_with_meta.txt.
# tests/golden/bias/bias_golden_test.cpp reads them.
#
# binary_inputs.csv case, measure, study, ai, n1i, ci, n2i, yi, vi: the 2x2 counts and metabin()'s
#                   TE and seTE^2 (0.5 added to every cell of a table with a zero, meta's default)
# binary_bias.csv   case, measure, test, field, value: metabias(m, method.bias, k.min = 3);
#                   fields statistic, df, pval, bias, se_bias, intercept, se_intercept, tau.
suppressPackageStartupMessages({
  library(meta)
  library(metadat)
})

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

cases <- list(
  # dat.bcg: BCG vaccine trials (Colditz et al. 1994), k = 13, no zero cells.
  bcg = with(dat.bcg, data.frame(study = paste(author, year), ai = tpos, n1i = tpos + tneg,
                                 ci = cpos, n2i = cpos + cneg)),
  # dat.egger2001: intravenous magnesium after myocardial infarction, k = 16, one zero cell.
  magnesium = with(dat.egger2001, data.frame(study = paste(study, year), ai = ai, n1i = n1i,
                                             ci = ci, n2i = n2i))
)
calls <- list(c("OR", "Peters"), c("RR", "Peters"), c("OR", "Harbord"))

inputs <- list()
rows <- list()
for (name in names(cases)) {
  d <- cases[[name]]
  for (sm in c("OR", "RR")) {
    m <- metabin(ai, n1i, ci, n2i, data = d, sm = sm, studlab = study)
    inputs[[length(inputs) + 1]] <- data.frame(case = name, measure = sm, study = d$study, ai = d$ai,
                                               n1i = d$n1i, ci = d$ci, n2i = d$n2i, yi = fmt(m$TE),
                                               vi = fmt(m$seTE^2))
    for (cl in calls) {
      if (cl[1] != sm) next
      b <- metabias(m, method.bias = cl[2], k.min = 3)
      vals <- c(statistic = unname(b$statistic), df = unname(b$df), pval = b$pval,
                bias = unname(b$estimate["bias"]), se_bias = unname(b$estimate["se.bias"]),
                intercept = unname(b$estimate["intercept"]), se_intercept = unname(b$estimate["se.intercept"]),
                tau = unname(b$tau))
      rows[[length(rows) + 1]] <- data.frame(case = name, measure = sm, test = tolower(cl[2]),
                                             field = names(vals), value = fmt(vals))
    }
  }
}

write.csv(do.call(rbind, inputs), "binary_inputs.csv", row.names = FALSE, quote = FALSE)
write.csv(do.call(rbind, rows), "binary_bias.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("meta", packageVersion("meta")),
             paste("metadat", packageVersion("metadat"))), "made_with_meta.txt")
