#!/usr/bin/env Rscript
# Golden values for the methods on a fit (src/methods/, src/model/case_diagnostics), made
# with R's metafor and metadat. Rerun from this directory with `Rscript make_goldens.R`; it
# rewrites inputs.csv, expected.csv, gosh.csv (17 significant digits) and made_with.txt.
# tests/golden/methods/methods_golden_test.cpp reads them.
#
# inputs.csv   case, study, yi, vi (escalc output)
# expected.csv case, method, test, what, field, i, value: what is "leave1out", "influence",
#              "cumul" or "baujat"; i = 1..k the study (for cumul: the step), NA where metafor
#              gives none (tau2 of FE models). cumul's field "order" holds the 1-based input
#              row added at each step (bcg_RR: by year; normand_SMD: as given).
# gosh.csv     case, method, incl, k, QE, I2, H2, tau2, estimate: gosh()'s res, one row per
#              subset; incl is the subset as an integer, bit j - 1 set when study j is in it.
# Fits use rma() with its defaults except for convergence, tightened as in
# tests/golden/rma/make_golden.R (Fisher scoring to |delta tau2| < 1e-12, uniroot to 1e-12)
# so the C++ engine can be compared at 1e-6 relative; leave1out() and influence() refit
# with the fit's control.
suppressPackageStartupMessages({
  library(metafor)
  library(metadat)
})

ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
fmt <- function(x) ifelse(is.na(x), "NA", ifelse(is.infinite(x), ifelse(x > 0, "Inf", "-Inf"),
                                                 sprintf("%.17g", x)))

cases <- list()
# dat.bcg: BCG vaccine trials (Colditz et al. 1994), log risk ratios, k = 13.
bcg <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
cases$bcg_RR <- data.frame(study = paste(dat.bcg$author, dat.bcg$year), yi = bcg$yi, vi = bcg$vi)
# dat.normand1999: length of stay, stroke units vs general wards, SMD, k = 9.
no <- escalc(measure = "SMD", m1i = m1i, sd1i = sd1i, n1i = n1i, m2i = m2i, sd2i = sd2i, n2i = n2i,
             data = dat.normand1999)
cases$normand_SMD <- data.frame(study = dat.normand1999$source, yi = no$yi, vi = no$vi)

# Every estimator, with z and with Hartung-Knapp.
fits <- list()
for (method in c("FE", "DL", "HE", "HS", "SJ", "PM", "REML", "ML", "EB"))
  for (test in c("z", "knha")) fits[[length(fits) + 1]] <- c(method, test)
# cumul()'s `order` is the variable to sort by (metafor 3.8 applies order() to it).
order_by <- list(bcg_RR = dat.bcg$year, normand_SMD = seq_len(nrow(dat.normand1999)))

rows <- list()
emit <- function(case, method, test, what, field, values) {
  rows[[length(rows) + 1]] <<- data.frame(case = case, method = method, test = test, what = what,
                                          field = field, i = seq_along(values), value = fmt(values))
}

for (name in names(cases)) {
  d <- cases[[name]]
  for (ft in fits) {
    method <- ft[1]
    test <- ft[2]
    res <- rma(yi, vi, data = d, method = method, test = test, control = ctrl)
    fe <- method == "FE"
    l1o <- leave1out(res)
    for (field in c("estimate", "se", "pval", "ci.lb", "ci.ub", "Q", "Qp", "I2", "H2"))
      emit(name, method, test, "leave1out", field, l1o[[field]])
    emit(name, method, test, "leave1out", "zval", if (test == "z") l1o$zval else l1o$tval)
    emit(name, method, test, "leave1out", "tau2", if (fe) rep(NA, res$k) else l1o$tau2)
    inf <- influence(res)
    for (field in c("rstudent", "dffits", "cook.d", "cov.r", "QE.del", "hat", "weight"))
      emit(name, method, test, "influence", field, inf$inf[[field]])
    emit(name, method, test, "influence", "tau2.del", if (fe) rep(NA, res$k) else inf$inf$tau2.del)
    emit(name, method, test, "influence", "dfbetas", inf$dfbs$intrcpt)
    emit(name, method, test, "influence", "inf", as.numeric(inf$is.infl))
    rs <- rstudent(res)
    emit(name, method, test, "influence", "resid", rs$resid)
    emit(name, method, test, "influence", "resid_se", rs$se)
    cu <- cumul(res, order = order_by[[name]])
    emit(name, method, test, "cumul", "order", order(order_by[[name]]))
    for (field in c("estimate", "se", "ci.lb", "ci.ub", "Q", "Qp", "I2", "H2"))
      emit(name, method, test, "cumul", field, cu[[field]])
    emit(name, method, test, "cumul", "pval", cu$pvals)
    emit(name, method, test, "cumul", "zval", if (test == "z") cu$zval else cu$tval)
    emit(name, method, test, "cumul", "tau2", if (fe) rep(NA, res$k) else cu$tau2)
    pdf(NULL)
    bj <- baujat(res)
    dev.off()
    emit(name, method, test, "baujat", "x", bj$x)
    emit(name, method, test, "baujat", "y", bj$y)
  }
}

# GOSH: every estimator on normand_SMD (k = 9, 511 subsets); FE, DL and REML on bcg_RR
# (k = 13, 8191 subsets).
gosh_runs <- list()
for (method in c("FE", "DL", "HE", "HS", "SJ", "PM", "REML", "ML", "EB"))
  gosh_runs[[length(gosh_runs) + 1]] <- c("normand_SMD", method)
for (method in c("FE", "DL", "REML")) gosh_runs[[length(gosh_runs) + 1]] <- c("bcg_RR", method)
gosh_rows <- list()
for (run in gosh_runs) {
  d <- cases[[run[1]]]
  res <- rma(yi, vi, data = d, method = run[2], control = ctrl)
  g <- gosh(res, progbar = FALSE)
  incl <- as.vector(g$incl %*% 2^(seq_len(ncol(g$incl)) - 1))
  gosh_rows[[length(gosh_rows) + 1]] <- data.frame(case = run[1], method = run[2], incl = sprintf("%.0f", incl),
                                                   k = g$res$k, QE = fmt(g$res$QE), I2 = fmt(g$res$I2),
                                                   H2 = fmt(g$res$H2), tau2 = fmt(g$res$tau2),
                                                   estimate = fmt(g$res$estimate))
}

inputs <- do.call(rbind, lapply(names(cases), function(name) {
  d <- cases[[name]]
  data.frame(case = name, study = d$study, yi = fmt(d$yi), vi = fmt(d$vi))
}))

write_csv <- function(df, path) {
  # Plain comma-separated values, no quoting (tests/support/golden_csv.h): no field may
  # contain a comma.
  stopifnot(!any(grepl(",", as.matrix(df), fixed = TRUE)))
  write.table(df, path, sep = ",", row.names = FALSE, quote = FALSE)
}
write_csv(inputs, "inputs.csv")
write_csv(do.call(rbind, rows), "expected.csv")
write_csv(do.call(rbind, gosh_rows), "gosh.csv")
writeLines(sprintf("R %s, metafor %s, metadat %s", getRversion(), packageVersion("metafor"),
                   packageVersion("metadat")), "made_with.txt")
