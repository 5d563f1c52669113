# metareview export --format r: review "bcma-rrmm-orr", analysis "orr-pft"
# Overall response rate, BCMA-directed therapy (Freeman-Tukey; sensitivity)
# Rebuilds the analysis with metafor from orr-pft.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript orr-pft.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "orr-pft.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
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
e <- escalc(measure = "PFT", xi = d$xi, ni = d$ni, add = 0, to = "only0", drop00 = FALSE)
check_rows("main", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("main random estimate", random$beta, 0.97907846763415096)
check("main random se", random$se, 0.16213958917091167)
check("main random ci_lb", random$ci.lb, 0.66129071239104353)
check("main random ci_ub", random$ci.ub, 1.2968662228772585)
check("main random k", random$k, 4)
check("main random Q", random$QE, 125.27103164381904)
check("main random tau2", random$tau2, 0.10301279870455951)
check_weights("main random", weights(random), c(24.900566374470149, 25.151548109972186, 25.047319141087513, 24.900566374470149))
check("main random I2", random$I2, 98.019518417776965)
pred <- predict(random)
print(pred)
check("main random pi_lb", pred$pi.lb, 0.27430298451170898)
check("main random pi_ub", pred$pi.ub, 1.6838539507565931)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
