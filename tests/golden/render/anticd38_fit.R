# Golden fits for the anti-CD38 forest plot tests: PFS hazard ratios of six phase 3 trials
# of an anti-CD38 antibody added to a doublet in relapsed/refractory myeloma, as published:
# CANDOR (final analysis) 0.64 [0.49, 0.83]; IKEMA 0.53, 99% CI [0.32, 0.89]; CASTOR 0.39
# [0.28, 0.53]; APOLLO 0.63 [0.47, 0.85]; ICARIA-MM 0.596 [0.44, 0.81]; POLLUX 0.37 [0.27, 0.52].
# Subgroups by partner: proteasome inhibitor (CANDOR, IKEMA, CASTOR), immunomodulatory drug
# (APOLLO, ICARIA-MM, POLLUX). Run from the repository root:
#   Rscript tests/golden/render/anticd38_fit.R > tests/golden/render/anticd38_fit.txt
suppressPackageStartupMessages(library(metafor))
d <- data.frame(
  trial = c("CANDOR", "IKEMA", "CASTOR", "APOLLO", "ICARIA-MM", "POLLUX"),
  group = c("pi", "pi", "pi", "imid", "imid", "imid"),
  hr = c(0.64, 0.53, 0.39, 0.63, 0.596, 0.37),
  lb = c(0.49, 0.32, 0.28, 0.47, 0.44, 0.27),
  ub = c(0.83, 0.89, 0.53, 0.85, 0.81, 0.52),
  level = c(95, 99, 95, 95, 95, 95))
d$yi <- log(d$hr)
d$sei <- (log(d$ub) - log(d$lb)) / (2 * qnorm(1 - (1 - d$level / 100) / 2))
d$vi <- d$sei^2
num <- function(x) formatC(x, digits = 17, format = "g")
line <- function(key, x) cat(key, paste(num(x), collapse = " "), "\n")
cat("# metafor", as.character(packageVersion("metafor")), "\n")
line("yi", d$yi); line("vi", d$vi)
emit <- function(p, f) {
  line(paste0(p, ".beta"), f$beta); line(paste0(p, ".se"), f$se); line(paste0(p, ".zval"), f$zval)
  line(paste0(p, ".pval"), f$pval); line(paste0(p, ".ci_lb"), f$ci.lb); line(paste0(p, ".ci_ub"), f$ci.ub)
  line(paste0(p, ".QE"), f$QE); line(paste0(p, ".QEp"), f$QEp); line(paste0(p, ".I2"), f$I2)
  line(paste0(p, ".k"), f$k); line(paste0(p, ".weights"), weights(f))
  if (f$method != "FE") {
    pr <- predict(f)
    line(paste0(p, ".tau2"), f$tau2); line(paste0(p, ".pi_lb"), pr$pi.lb); line(paste0(p, ".pi_ub"), pr$pi.ub)
  }
}
for (g in list(list("all", d), list("pi", d[d$group == "pi", ]), list("imid", d[d$group == "imid", ]))) {
  emit(paste0(g[[1]], ".fe"), rma(yi, vi, data = g[[2]], method = "FE"))
  emit(paste0(g[[1]], ".re"), rma(yi, vi, data = g[[2]], method = "REML"))
}
# Test for subgroup differences (random-effects subgroups, as meta's Q.b.random): a
# common-effect meta-analysis of the two subgroup estimates.
sub <- sapply(c("pi", "imid"), function(g) { f <- rma(yi, vi, data = d[d$group == g, ], method = "REML"); c(f$beta, f$se) })
qb <- rma(sub[1, ], sei = sub[2, ], method = "FE")
line("between.re.Q", qb$QE); line("between.re.df", qb$k - 1); line("between.re.p", qb$QEp)
