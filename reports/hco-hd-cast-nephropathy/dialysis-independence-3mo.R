# metareview export --format r: review "hco-hd-cast-nephropathy", analysis "dialysis-independence-3mo"
# Dialysis independence at 3 months, HCO-HD vs high-flux HD
# Rebuilds the analysis with metafor from dialysis-independence-3mo.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript dialysis-independence-3mo.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "dialysis-independence-3mo.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
                colClasses = c(set = "character", study = "character", subgroup = "character"))
csv$subgroup[is.na(csv$subgroup)] <- ""
mismatches <- character(0)
# Relative difference, with 1e-12 absolute near 0 (a tau2 of exactly 0 on both sides).
check <- function(what, got, want) {
  got <- as.numeric(got)[1]
  ok <- if (is.na(want)) is.na(got) else isTRUE(abs(got - want) <= 1e-06 * max(abs(want), 1e-6))
  if (!ok) mismatches <<- c(mismatches, sprintf("%s: metafor %s, metareview %s", what,
                                                format(got, digits = 17), format(want, digits = 17)))
}
check_weights <- function(what, got, want) {
  if (length(got) != length(want)) {
    mismatches <<- c(mismatches, sprintf("%s weights: metafor %d rows, metareview %d", what, length(got), length(want)))
  } else {
    for (i in seq_along(want)) check(paste0(what, " weight ", i), got[i], want[i])
  }
}
# Each row's yi and vi against the ones metareview pooled (NA where escalc dropped the row).
check_rows <- function(set, d, e) {
  for (i in seq_len(nrow(d))) {
    check(paste0(set, " yi of ", d$study[i]), e$yi[i], d$yi[i])
    check(paste0(set, " vi of ", d$study[i]), e$vi[i], d$vi[i])
  }
}

# ---- main: the primary analysis ----
d <- csv[csv$set == "main", ]
e <- escalc(measure = "RR", ai = as.numeric(d$ai), n1i = as.numeric(d$n1i), ci = as.numeric(d$ci), n2i = as.numeric(d$n2i), add = 0.5, to = "only0", drop00 = FALSE)
check_rows("main", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
common <- rma(yi, vi, data = d, method = "FE", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(common))
check("main common estimate", common$beta, 0.13266205799457506)
check("main common se", common$se, 0.15900190738997383)
check("main common ci_lb", common$ci.lb, -0.17897595396294666)
check("main common ci_ub", common$ci.ub, 0.44430006995209681)
check("main common k", common$k, 2)
check("main common Q", common$QE, 0.1413506164331042)
check_weights("main common", weights(common), c(34.842771292336302, 65.157228707663691))
check("main common I2", common$I2, 0)
random <- rma(yi, vi, data = d, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("main random estimate", random$beta, 0.13266205799457506)
check("main random se", random$se, 0.15900190738997383)
check("main random ci_lb", random$ci.lb, -0.17897595396294666)
check("main random ci_ub", random$ci.ub, 0.44430006995209681)
check("main random k", random$k, 2)
check("main random Q", random$QE, 0.1413506164331042)
check("main random tau2", random$tau2, 0)
check_weights("main random", weights(random), c(34.842771292336302, 65.157228707663691))
check("main random I2", random$I2, 0)
pred <- predict(random)
print(pred)
check("main random pi_lb", pred$pi.lb, -0.17897595396294666)
check("main random pi_ub", pred$pi.ub, 0.44430006995209681)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
