# Golden values for model::fit_subgroups with a common tau2 (SubgroupTau2::Common): metafor's
# mixed-effects model rma(yi, vi, mods = ~ factor(g)) gives tau2 and the Wald test QM of the
# subgroup terms; rma(..., tau2 = that, subset = g == ...) gives each subgroup's estimate.
# Data: tests/golden/render/anticd38_pfs.csv (HR with 95% CI), and the same with one
# subgroup holding one trial. Run: Rscript make_golden.R  (writes expected.csv here)
suppressMessages(library(metafor))
ctrl <- list(threshold = 1e-12, tol = 1e-12, maxiter = 10000)
d <- read.csv("../render/anticd38_pfs.csv")
d$yi <- log(d$hr)
d$vi <- ((log(d$ci_ub) - log(d$ci_lb)) / (2 * qnorm(0.975)))^2
cases <- list(
  anticd38 = d,
  # CASTOR alone against the rest: one single-study subgroup.
  single = transform(d, subgroup = ifelse(study == "CASTOR", "CASTOR alone", "Others")))
out <- NULL
for (name in names(cases)) for (method in c("REML", "DL", "PM")) {
  x <- cases[[name]]
  g <- factor(x$subgroup, levels = unique(x$subgroup))
  m <- rma(yi, vi, mods = ~ g, data = x, method = method, control = ctrl)
  sub <- sapply(levels(g), function(l) {
    f <- rma(yi, vi, tau2 = m$tau2, data = x, subset = g == l)
    c(f$b[1], f$se)
  })
  out <- rbind(out, data.frame(case = name, method = method, tau2 = m$tau2, QM = m$QM, QM_df = m$QMdf[1],
                               QM_p = m$QMp, est1 = sub[1, 1], se1 = sub[2, 1], est2 = sub[1, 2], se2 = sub[2, 2]))
}
write.csv(format(out, digits = 17), "expected.csv", row.names = FALSE, quote = FALSE)
writeLines(paste("metafor", packageVersion("metafor"), "|", R.version.string), "made_with.txt")
