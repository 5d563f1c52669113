# metareview export --format r: review "carfilzomib-vs-bortezomib", analysis "orr-cohort"
# Overall response (partial response or better), carfilzomib- vs bortezomib-based: non-randomised evidence (Niu 2026)
# Rebuilds the analysis with metafor from orr-cohort.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript orr-cohort.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "orr-cohort.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
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
# not pooled: only one study has usable data (Niu 2026)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
