# Golden values for smd_golden_test.cpp: the continuous outcome of
# tests/data/rm5/Fleiss1993.rm5 (CMP-001.02, 5 studies, SMD, common effect) with
#  - meta:          R meta's metacont(sm = "SMD") with its defaults (exact.smd = TRUE: Hedges'
#                   g with the exact J, variance 1/n1 + 1/n2 + (1 - (m-2)/(m J^2)) g^2);
#  - meta_revman5:  the same with exact.smd = FALSE, which settings.meta("RevMan5") and so
#                   RevMan 5 use (J = 1 - 3/(4m - 1), variance 1/n1 + 1/n2 + g^2/(2(m - 1.94)),
#                   m = N - 2);
#  - metafor:       escalc("SMD") (exact J, vtype "LS": 1/n1 + 1/n2 + g^2/(2N)) and rma(method = "FE").
# Run: Rscript smd_fleiss1993.R > smd_fleiss1993.csv (made with R 4.2, meta 7.0-0, metafor 3.8-1)
suppressMessages({library(meta); library(metafor)})
n1 <- c(13, 30, 35, 20, 8);  m1 <- c(5.0, 4.9, 22.5, 12.5, 6.5);  s1 <- c(4.7, 1.71, 3.44, 1.47, 0.76)
n2 <- c(13, 50, 35, 20, 8);  m2 <- c(6.5, 6.1, 24.9, 12.3, 7.38); s2 <- c(3.8, 2.3, 10.65, 1.66, 1.41)
study <- c("Davis", "Florell", "Gruen", "Hart", "Wilson")
m <- metacont(n1, m1, s1, n2, m2, s2, studlab = study, sm = "SMD", common = TRUE, random = FALSE,
              exact.smd = TRUE)
r <- metacont(n1, m1, s1, n2, m2, s2, studlab = study, sm = "SMD", common = TRUE, random = FALSE,
              exact.smd = FALSE)
es <- escalc("SMD", m1i = m1, sd1i = s1, n1i = n1, m2i = m2, sd2i = s2, n2i = n2)
fe <- rma(es$yi, es$vi, method = "FE")
f <- function(x) trimws(formatC(x, digits = 17, format = "g"))
cat("quantity,study,meta,meta_revman5,metafor\n")
for (i in seq_along(study)) {
  cat("yi", study[i], f(m$TE[i]), f(r$TE[i]), f(es$yi[i]), sep = ","); cat("\n")
  cat("vi", study[i], f(m$seTE[i]^2), f(r$seTE[i]^2), f(es$vi[i]), sep = ","); cat("\n")
}
cat("common_estimate,", f(m$TE.common), f(r$TE.common), f(fe$beta[1]), sep = ","); cat("\n")
cat("common_se,", f(m$seTE.common), f(r$seTE.common), f(fe$se), sep = ","); cat("\n")
cat("Q,", f(m$Q), f(r$Q), f(fe$QE), sep = ","); cat("\n")
