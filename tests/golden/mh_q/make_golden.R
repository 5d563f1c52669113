# Golden values for mh_q_golden_test.cpp: RevMan 5's random-effects model after Mantel-Haenszel
# pooling (Deeks & Higgins 2010, "Statistical algorithms in Review Manager 5": Q around the MH
# estimate, I2 from that Q, DerSimonian-Laird tau2 from that Q), as R meta computes it with
# metabin(method = "MH", method.tau = "DL", Q.Cochrane = TRUE) (documented "like RevMan 5"),
# and, column iv, the same call with Q.Cochrane = FALSE (Q around the inverse-variance estimate,
# as metafor's rma(method = "DL") and our presets other than revman5).
# Data without zero cells, so that R meta's continuity correction of the MH estimate
# (MH.exact = FALSE) and metafor's raw-count rma.mh agree: the aspirin trials of
# tests/data/rm5/Fleiss1993.rm5 (CMP-001.01) and BCG (metadat dat.bcg).
# Run: Rscript make_golden.R > mh_q.csv (made with R 4.2, meta 7.0-0, metafor 3.8-1)
suppressMessages({library(meta); library(metafor)})
f <- function(x) trimws(formatC(x, digits = 17, format = "g"))
cat("case,measure,quantity,cochrane,iv\n")
out <- function(case, sm, a, n1, c, n2) {
  args <- list(event.e = a, n.e = n1, event.c = c, n.c = n2, sm = sm, method = "MH", method.tau = "DL",
               common = TRUE, random = TRUE)
  y <- do.call(metabin, c(args, Q.Cochrane = TRUE))
  n <- do.call(metabin, c(args, Q.Cochrane = FALSE))
  row <- function(q, a, b) cat(case, sm, q, f(a), f(b), sep = ","); 
  for (q in c("TE.common", "seTE.common", "Q", "pval.Q", "I2", "tau2", "TE.random", "seTE.random",
              "lower.random", "upper.random")) {
    cat(case, sm, q, f(y[[q]]), f(n[[q]]), sep = ","); cat("\n")
  }
  w <- y$w.random / sum(y$w.random) * 100
  for (i in seq_along(w)) { cat(case, sm, paste0("w.random.", i), f(w[i]), f(n$w.random[i] / sum(n$w.random) * 100), sep = ","); cat("\n") }
}
out("fleiss1993", "OR", c(49, 44, 102, 32, 85, 246, 1570), c(615, 758, 832, 317, 810, 2267, 8587),
    c(67, 64, 126, 38, 52, 219, 1720), c(624, 771, 850, 309, 406, 2257, 8600))
bcg <- metadat::dat.bcg
for (sm in c("OR", "RR", "RD"))
  out("bcg", sm, bcg$tpos, bcg$tpos + bcg$tneg, bcg$cpos, bcg$cpos + bcg$cneg)
