# Golden values for metareview's two-group tests (src/stats/tests.h).
#
# Rerun from the repository root with R >= 4.2 (base R only):
#   Rscript tests/golden/tests/make_golden.R
# It rewrites the CSV files next to this script; tests/unit/stats/tests_golden_test.cpp
# reads only those files. Every number has 17 significant digits; a missing value is "NA".
out_dir <- "tests/golden/tests"
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_golden <- function(df, file) {
  for (col in names(df)) if (is.numeric(df[[col]])) df[[col]] <- fmt(df[[col]])
  stopifnot(!any(grepl(",", unlist(df))))
  write.table(df, file.path(out_dir, file), sep = ",", quote = FALSE, row.names = FALSE, na = "NA")
}

# ---------------------------------------------------------------------------------------
# 2x2 tables [[a, b], [c, d]] (rows = arms): chisq.test with and without Yates' correction
# and fisher.test, two-sided. A table with an empty row or column has no chi-squared test
# (R returns NaN); its chisq columns are NA.
tables <- data.frame(
  case = c("niu2026_table1_response", "bcg_aronson", "small", "zero_cell", "zero_cell_small",
           "yates_clamped", "yates_exact_half", "balanced", "empty_column", "large", "fisher_ties"),
  a = c(30, 4, 3, 0, 0, 10, 10, 5, 0, 357, 2),
  b = c(12, 119, 0, 10, 5, 10, 10, 5, 10, 107, 3),
  c = c(17, 11, 2, 5, 4, 10, 11, 5, 0, 291, 3),
  d = c(21, 128, 1, 5, 1, 11, 9, 5, 12, 174, 2))
for (i in seq_len(nrow(tables))) {
  m <- matrix(unlist(tables[i, c("a", "b", "c", "d")]), 2, byrow = TRUE)
  for (yates in c(FALSE, TRUE)) {
    w <- NULL
    ct <- withCallingHandlers(chisq.test(m, correct = yates),
                              warning = function(cond) { w <<- conditionMessage(cond); invokeRestart("muffleWarning") })
    tag <- if (yates) "yates" else "pearson"
    ok <- is.finite(ct$statistic)
    tables[i, paste0(tag, "_x2")] <- if (ok) unname(ct$statistic) else NA
    tables[i, paste0(tag, "_p")] <- if (ok) ct$p.value else NA
    tables[i, paste0(tag, "_warns")] <- !is.null(w) && ok
  }
  tables[i, "fisher_p"] <- fisher.test(m)$p.value
}
write_golden(tables, "two_by_two.csv")

# ---------------------------------------------------------------------------------------
# t tests from summary data. The formulas are checked against t.test() itself on data built
# to have exactly the given mean and SD.
exact_sample <- function(m, s, n) { z <- seq_len(n); m + s * (z - mean(z)) / sd(z) }
tt <- data.frame(
  case = c("niu2026_t2_mprotein_before", "niu2026_t2_mprotein_after", "niu2026_t2_hb_before",
           "niu2026_t2_hb_after", "niu2026_t2_b2mg_before", "niu2026_t2_b2mg_after",
           "niu2026_t3_flc_before", "niu2026_t3_flc_after", "niu2026_t3_ldh_before",
           "niu2026_t3_ldh_after", "small_unequal", "one_sd_zero", "n2_each"),
  m1 = c(28.45, 15.12, 86.12, 105.76, 3.89, 2.35, 118.25, 35.67, 319.76, 203.15, 10, 4, 1),
  sd1 = c(6.72, 2.36, 8.45, 10.32, 1.01, 0.98, 28.39, 12.74, 68.43, 43.28, 1.5, 0, 1),
  n1 = c(42, 42, 42, 42, 42, 42, 42, 42, 42, 42, 3, 10, 2),
  m2 = c(29.67, 17.54, 85.39, 98.22, 3.69, 2.88, 115.38, 45.94, 324.82, 234.39, 12.5, 5, 3),
  sd2 = c(7.18, 4.61, 9.17, 9.65, 1.22, 1.03, 30.25, 19.57, 72.56, 58.74, 4, 2, 1.5),
  n2 = c(38, 38, 38, 38, 38, 38, 38, 38, 38, 38, 8, 12, 2))
for (i in seq_len(nrow(tt))) {
  r <- tt[i, ]
  v1 <- r$sd1^2 / r$n1; v2 <- r$sd2^2 / r$n2
  sp2 <- ((r$n1 - 1) * r$sd1^2 + (r$n2 - 1) * r$sd2^2) / (r$n1 + r$n2 - 2)
  t_student <- (r$m1 - r$m2) / sqrt(sp2 * (1 / r$n1 + 1 / r$n2))
  df_welch <- (v1 + v2)^2 / (v1^2 / (r$n1 - 1) + v2^2 / (r$n2 - 1))
  t_welch <- (r$m1 - r$m2) / sqrt(v1 + v2)
  x <- exact_sample(r$m1, r$sd1, r$n1); y <- exact_sample(r$m2, r$sd2, r$n2)
  s <- t.test(x, y, var.equal = TRUE); w <- t.test(x, y, var.equal = FALSE)
  stopifnot(all.equal(unname(s$statistic), t_student, tolerance = 1e-12),
            all.equal(unname(w$statistic), t_welch, tolerance = 1e-12),
            all.equal(unname(w$parameter), df_welch, tolerance = 1e-12))
  tt[i, c("student_t", "student_df", "student_p")] <- c(t_student, r$n1 + r$n2 - 2,
                                                        2 * pt(abs(t_student), r$n1 + r$n2 - 2, lower.tail = FALSE))
  tt[i, c("welch_t", "welch_df", "welch_p")] <- c(t_welch, df_welch, 2 * pt(abs(t_welch), df_welch, lower.tail = FALSE))
  stopifnot(all.equal(s$p.value, tt$student_p[i], tolerance = 1e-12), all.equal(w$p.value, tt$welch_p[i], tolerance = 1e-12))
}
write_golden(tt, "t_tests.csv")

# ---------------------------------------------------------------------------------------
# Mann-Whitney U for ordered categories: wilcox.test(exact = FALSE) on the expanded data.
# R does not return z; |z| is recovered from R's p (p = 2 P(Z > |z|)) and signed as
# W - n1 n2 / 2, so the z here comes from R's own p, not from a copy of its formula.
mw <- data.frame(
  case = c("niu2026_t4_neuropathy_all", "niu2026_t4_neuropathy_events", "niu2026_t4_haem_row1",
           "niu2026_t4_haem_row2", "niu2026_t4_nonhaem_row1", "niu2026_t4_nonhaem_row2",
           "no_ties", "five_grades", "one_arm_shifted", "empty_category"),
  counts1 = c("39;3;0", "3;0", "1;1", "1;0", "2;1", "3;2", "1;1;1;1", "10;8;6;3;1", "0;0;5", "4;0;3"),
  counts2 = c("35;2;1", "2;1", "1;0", "1;1", "1;0", "2;1", "1;1;1;0", "4;6;9;7;5", "5;2;0", "2;0;6"),
  stringsAsFactors = FALSE)
counts <- function(s) as.numeric(strsplit(s, ";")[[1]])
for (i in seq_len(nrow(mw))) {
  c1 <- counts(mw$counts1[i]); c2 <- counts(mw$counts2[i])
  x <- rep(seq_along(c1), c1); y <- rep(seq_along(c2), c2)
  for (correct in c(TRUE, FALSE)) {
    w <- suppressWarnings(wilcox.test(x, y, exact = FALSE, correct = correct))
    centred <- unname(w$statistic) - length(x) * length(y) / 2
    tag <- if (correct) "cc" else "nocc"
    mw[i, "W"] <- unname(w$statistic)
    mw[i, paste0(tag, "_z")] <- sign(centred) * qnorm(w$p.value / 2, lower.tail = FALSE)
    mw[i, paste0(tag, "_p")] <- w$p.value
  }
}
write_golden(mw, "mann_whitney.csv")

# ---------------------------------------------------------------------------------------
# Upper-tail p of a chi-squared statistic.
chi <- data.frame(case = c("niu2026_pfs_logrank", "niu2026_os_logrank", "niu2026_response", "tiny", "df2"),
                  chi2 = c(7.345, 18.798, 5.865, 1e-4, 5.991), df = c(1, 1, 1, 1, 2))
chi$p <- pchisq(chi$chi2, chi$df, lower.tail = FALSE)
write_golden(chi, "chisq_p.csv")
