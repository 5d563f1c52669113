# Golden values for tests/unit/import/smd_golden_test.cpp: the continuous outcome of
# tests/data/rm5/Fleiss1993.rm5 (CMP-001.02, 5 studies, SMD, common effect) with R meta's
# metacont(sm = "SMD"), which follows RevMan 5 (Hedges' g; SE from RevMan's formula), and
# metafor's escalc("SMD") for comparison. Run: Rscript smd_fleiss1993.R > smd_fleiss1993.csv
# (made with R 4.2, meta 7.0-0, metafor 3.8-1)
suppressMessages({library(meta); library(metafor)})
n1 <- c(13, 30, 35, 20, 8);  m1 <- c(5.0, 4.9, 22.5, 12.5, 6.5);  s1 <- c(4.7, 1.71, 3.44, 1.47, 0.76)
n2 <- c(13, 50, 35, 20, 8);  m2 <- c(6.5, 6.1, 24.9, 12.3, 7.38); s2 <- c(3.8, 2.3, 10.65, 1.66, 1.41)
study <- c("Davis", "Florell", "Gruen", "Hart", "Wilson")
m <- metacont(n1, m1, s1, n2, m2, s2, studlab = study, sm = "SMD", common = TRUE, random = TRUE,
              method.tau = "DL")
es <- escalc("SMD", m1i = m1, sd1i = s1, n1i = n1, m2i = m2, sd2i = s2, n2i = n2)
f <- function(x) trimws(formatC(x, digits = 17, format = "g"))
cat("quantity,study,meta,metafor\n")
for (i in seq_along(study)) {
  cat("yi", study[i], f(m$TE[i]), f(es$yi[i]), sep = ","); cat("\n")
  cat("vi", study[i], f(m$seTE[i]^2), f(es$vi[i]), sep = ","); cat("\n")
}
fe <- rma(es$yi, es$vi, method = "FE")
cat("common_estimate,,", f(m$TE.common), ",", f(fe$beta[1]), "\n", sep = "")
cat("common_se,,", f(m$seTE.common), ",", f(fe$se), "\n", sep = "")
cat("Q,,", f(m$Q), ",", f(fe$QE), "\n", sep = "")
