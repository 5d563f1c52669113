# metareview export --format r: review "anti-cd38-rrmm-pfs", analysis "pfs-latest"
# Progression-free survival, anti-CD38 triplet vs doublet (latest analyses; sensitivity)
# Rebuilds the analysis with metafor from pfs-latest.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript pfs-latest.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "pfs-latest.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
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
# HR rows, as metareview's escalc: from the HR and its CI, log HR and the SE from the CI's
# width on the log scale at the CI's own level (Ref: Tierney et al. (2007), Trials 8:16;
# Altman & Bland (2011), BMJ 343:d2090); from log-rank O - E and V, log HR = (O - E) / V
# with variance 1 / V (Ref: Tierney et al. (2007), the Peto one-step estimate).
from_ci <- !is.na(d$hr)
sei_ci <- (log(d$hr_ci_ub) - log(d$hr_ci_lb)) / (2 * qnorm(1 - (1 - d$hr_level / 100) / 2))
e <- data.frame(yi = ifelse(from_ci, log(d$hr), d$o_minus_e / d$v),
                vi = ifelse(from_ci, sei_ci^2, 1 / d$v))
check_rows("main", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("main random estimate", random$beta, -0.67081488120820076)
check("main random se", random$se, 0.12050663793238586)
check("main random ci_lb", random$ci.lb, -0.90700355145368539)
check("main random ci_ub", random$ci.ub, -0.43462621096271614)
check("main random k", random$k, 6)
check("main random Q", random$QE, 24.877518213821443)
check("main random tau2", random$tau2, 0.067735458967118148)
check_weights("main random", weights(random), c(16.923003923239182, 15.64900682024612, 17.685475387263605, 16.031666263863251, 15.789402628129103, 17.921444977258744))
check("main random I2", random$I2, 78.359628177198232)
pred <- predict(random)
print(pred)
check("main random pi_lb", pred$pi.lb, -1.2329430376594954)
check("main random pi_ub", pred$pi.ub, -0.10868672475690611)

# Subgroups (Partner drug class): the same models on each subgroup's rows.

## subgroup Proteasome inhibitor
dg <- d[d$subgroup == "Proteasome inhibitor", ]
g1_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("main subgroup Proteasome inhibitor random estimate", g1_random$beta, -0.7268126012944317)
check("main subgroup Proteasome inhibitor random se", g1_random$se, 0.23097701248813562)
check("main subgroup Proteasome inhibitor random ci_lb", g1_random$ci.lb, -1.1795192270278358)
check("main subgroup Proteasome inhibitor random ci_ub", g1_random$ci.ub, -0.27410597556102761)
check("main subgroup Proteasome inhibitor random k", g1_random$k, 3)
check("main subgroup Proteasome inhibitor random Q", g1_random$QE, 19.011354669814455)
check("main subgroup Proteasome inhibitor random tau2", g1_random$tau2, 0.14100123227486569)
check_weights("main subgroup Proteasome inhibitor random", weights(g1_random), c(33.537441285807361, 32.126583950607852, 34.33597476358478))
check("main subgroup Proteasome inhibitor random I2", g1_random$I2, 88.313120254333654)
pred <- predict(g1_random)
print(pred)
check("main subgroup Proteasome inhibitor random pi_lb", pred$pi.lb, -1.5908691483062278)
check("main subgroup Proteasome inhibitor random pi_ub", pred$pi.ub, 0.13724394571736442)

## subgroup Immunomodulatory drug
dg <- d[d$subgroup == "Immunomodulatory drug", ]
g2_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("main subgroup Immunomodulatory drug random estimate", g2_random$beta, -0.61866010575848063)
check("main subgroup Immunomodulatory drug random se", g2_random$se, 0.11979294582649792)
check("main subgroup Immunomodulatory drug random ci_lb", g2_random$ci.lb, -0.8534499651803743)
check("main subgroup Immunomodulatory drug random ci_ub", g2_random$ci.ub, -0.38387024633658695)
check("main subgroup Immunomodulatory drug random k", g2_random$k, 3)
check("main subgroup Immunomodulatory drug random Q", g2_random$QE, 4.465170125063386)
check("main subgroup Immunomodulatory drug random tau2", g2_random$tau2, 0.023510662940685)
check_weights("main subgroup Immunomodulatory drug random", weights(g2_random), c(30.955838803696235, 30.054767281477631, 38.989393914826131))
check("main subgroup Immunomodulatory drug random I2", g2_random$I2, 54.613434975421832)
pred <- predict(g2_random)
print(pred)
check("main subgroup Immunomodulatory drug random pi_lb", pred$pi.lb, -1.0000280666849504)
check("main subgroup Immunomodulatory drug random pi_ub", pred$pi.ub, -0.23729214483201078)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta)), sei = c(g1_random$se, g2_random$se), method = "FE")
print(between)
check("main subgroup differences Q", between$QE, 0.17277453672469478)
check("main subgroup differences p", between$QEp, 0.67765766961969376)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
