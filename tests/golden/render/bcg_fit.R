# Golden values for the forest/funnel tests: metafor's fits of dat.bcg (BCG vaccine trials,
# Colditz et al. 1994), risk ratios. Run from the repository root:
#   Rscript tests/golden/render/bcg_fit.R > tests/golden/render/bcg_fit.txt
# Output: one "key value..." line per quantity, numbers with 17 significant digits.
suppressPackageStartupMessages(library(metafor))
dat <- escalc(measure = "RR", ai = tpos, bi = tneg, ci = cpos, di = cneg, data = dat.bcg)
fe <- rma(yi, vi, data = dat, method = "FE")
re <- rma(yi, vi, data = dat, method = "REML")
pr <- predict(re)
num <- function(x) formatC(x, digits = 17, format = "g")
line <- function(key, x) cat(key, paste(num(x), collapse = " "), "\n")
cat("# metafor", as.character(packageVersion("metafor")), "\n")
cat("label", paste(gsub(" ", "_", paste(dat$author, dat$year)), collapse = " "), "\n")
line("year", dat$year)
line("ai", dat$tpos); line("n1i", dat$tpos + dat$tneg)
line("ci", dat$cpos); line("n2i", dat$cpos + dat$cneg)
line("yi", dat$yi); line("vi", dat$vi)
for (m in list(list("fe", fe), list("re", re))) {
  f <- m[[2]]; p <- m[[1]]
  line(paste0(p, ".beta"), f$beta); line(paste0(p, ".se"), f$se); line(paste0(p, ".zval"), f$zval)
  line(paste0(p, ".pval"), f$pval); line(paste0(p, ".ci_lb"), f$ci.lb); line(paste0(p, ".ci_ub"), f$ci.ub)
  line(paste0(p, ".QE"), f$QE); line(paste0(p, ".QEp"), f$QEp); line(paste0(p, ".I2"), f$I2)
  line(paste0(p, ".weights"), weights(f))
}
line("re.tau2", re$tau2)
line("re.pi_lb", pr$pi.lb); line("re.pi_ub", pr$pi.ub)
