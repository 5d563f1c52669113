# metareview export --format r: review "bcma-rrmm-orr", analysis "orr"
# Overall response rate, BCMA-directed therapy (logit proportions)
# Rebuilds the analysis with metafor from orr.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript orr.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "orr.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
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
e <- escalc(measure = "PLO", xi = d$xi, ni = d$ni, add = 0.5, to = "only0", drop00 = FALSE)
check_rows("main", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("main random estimate", random$beta, 0.98938454826104894)
check("main random se", random$se, 0.8534484968619469)
check("main random ci_lb", random$ci.lb, -0.68334376824821208)
check("main random ci_ub", random$ci.ub, 2.6621128647703101)
check("main random k", random$k, 4)
check("main random Q", random$QE, 66.924561615634929)
check("main random tau2", random$tau2, 2.8046582240766802)
check_weights("main random", weights(random), c(25.530863832650795, 25.731543964435616, 25.604535277408459, 23.133056925505123))
check("main random I2", random$I2, 98.185215458441405)
pred <- predict(random)
print(pred)
check("main random pi_lb", pred$pi.lb, -2.6946348728011675)
check("main random pi_ub", pred$pi.ub, 4.6734039693232656)

# Subgroups (BCMA-directed modality): the same models on each subgroup's rows.
# One tau2 for every subgroup: the mixed-effects model with the subgroup as a factor
# (Ref: Viechtbauer (2010), JSS 36(3), sec. 3.3; Borenstein et al. (2009), ch. 19; R meta's
# tau.common = TRUE), over the rows that have a subgroup.
mm <- rma(yi, vi, mods = ~ factor(subgroup), data = d[d$subgroup != "", ], method = "REML", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(mm)
check("main common tau2 of the subgroups", mm$tau2, 2.7549699016824927)

## subgroup Antibody-drug conjugate
dg <- d[d$subgroup == "Antibody-drug conjugate", ]
g1_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("main subgroup Antibody-drug conjugate random estimate", g1_random$beta, -0.80349523772881071)
check("main subgroup Antibody-drug conjugate random se", g1_random$se, 1.6742845063340204)
check("main subgroup Antibody-drug conjugate random ci_lb", g1_random$ci.lb, -4.0850325700169137)
check("main subgroup Antibody-drug conjugate random ci_ub", g1_random$ci.ub, 2.4780420945592927)
check("main subgroup Antibody-drug conjugate random k", g1_random$k, 1)
check("main subgroup Antibody-drug conjugate random Q", g1_random$QE, 0)
check("main subgroup Antibody-drug conjugate random tau2", g1_random$tau2, 2.7549699016824927)
check_weights("main subgroup Antibody-drug conjugate random", weights(g1_random), c(100))
check("main subgroup Antibody-drug conjugate random I2", g1_random$I2, 0)

## subgroup Bispecific antibody
dg <- d[d$subgroup == "Bispecific antibody", ]
g2_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("main subgroup Bispecific antibody random estimate", g2_random$beta, 0.53351703496806124)
check("main subgroup Bispecific antibody random se", g2_random$se, 1.6676266755244797)
check("main subgroup Bispecific antibody random ci_lb", g2_random$ci.lb, -2.7349711887181818)
check("main subgroup Bispecific antibody random ci_ub", g2_random$ci.ub, 3.8020052586543041)
check("main subgroup Bispecific antibody random k", g2_random$k, 1)
check("main subgroup Bispecific antibody random Q", g2_random$QE, 0)
check("main subgroup Bispecific antibody random tau2", g2_random$tau2, 2.7549699016824927)
check_weights("main subgroup Bispecific antibody random", weights(g2_random), c(100))
check("main subgroup Bispecific antibody random I2", g2_random$I2, 0)

## subgroup CAR T cells
dg <- d[d$subgroup == "CAR T cells", ]
g3_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g3_random))
check("main subgroup CAR T cells random estimate", g3_random$beta, 2.1682150712383859)
check("main subgroup CAR T cells random se", g3_random$se, 1.2122592348721564)
check("main subgroup CAR T cells random ci_lb", g3_random$ci.lb, -0.20776936903712251)
check("main subgroup CAR T cells random ci_ub", g3_random$ci.ub, 4.5441995115138942)
check("main subgroup CAR T cells random k", g3_random$k, 2)
check("main subgroup CAR T cells random Q", g3_random$QE, 15.347990992575621)
check("main subgroup CAR T cells random tau2", g3_random$tau2, 2.7549699016824927)
check_weights("main subgroup CAR T cells random", weights(g3_random), c(52.578245283536951, 47.421754716463035))
check("main subgroup CAR T cells random I2", g3_random$I2, 93.484489269743932)
pred <- predict(g3_random)
print(pred)
check("main subgroup CAR T cells random pi_lb", pred$pi.lb, -1.8602344431525237)
check("main subgroup CAR T cells random pi_ub", pred$pi.ub, 6.1966645856292955)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta), as.numeric(g3_random$beta)), sei = c(g1_random$se, g2_random$se, g3_random$se), method = "FE")
print(between)
check("main subgroup differences Q", between$QE, 2.1670195753116719)
check("main subgroup differences p", between$QEp, 0.33840570668840592)

# Leave-one-out: the random-effects model refitted without each study (metafor's leave1out).
l1o <- leave1out(random)
print(l1o)
check("main leave-one-out without DREAMM-2 estimate", l1o$estimate[1], 1.5854855731900974)
check("main leave-one-out without DREAMM-2 se", l1o$se[1], 0.86063493044965989)
check("main leave-one-out without DREAMM-2 tau2", l1o$tau2[1], 2.0946192054941632)
check("main leave-one-out without MajesTEC-1 estimate", l1o$estimate[2], 1.170679757442858)
check("main leave-one-out without MajesTEC-1 se", l1o$se[2], 1.2121858659166824)
check("main leave-one-out without MajesTEC-1 tau2", l1o$tau2[2], 4.2685196579592706)
check("main leave-one-out without KarMMa estimate", l1o$estimate[3], 1.006825774665862)
check("main leave-one-out without KarMMa se", l1o$se[3], 1.2299619848035324)
check("main leave-one-out without KarMMa tau2", l1o$tau2[3], 4.4035298103019054)
check("main leave-one-out without CARTITUDE-1 estimate", l1o$estimate[4], 0.25376400145488837)
check("main leave-one-out without CARTITUDE-1 se", l1o$se[4], 0.54042725550702886)
check("main leave-one-out without CARTITUDE-1 tau2", l1o$tau2[4], 0.8381756218181281)

# ---- sensitivity:all-enrolled: All enrolled patients as the denominator of KarMMa and CARTITUDE-1 ----
d <- csv[csv$set == "sensitivity:all-enrolled", ]
e <- escalc(measure = "PLO", xi = d$xi, ni = d$ni, add = 0.5, to = "only0", drop00 = FALSE)
check_rows("sensitivity:all-enrolled", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("sensitivity:all-enrolled random estimate", random$beta, 0.50772838573280932)
check("sensitivity:all-enrolled random se", random$se, 0.49013808404244319)
check("sensitivity:all-enrolled random ci_lb", random$ci.lb, -0.4529246064418454)
check("sensitivity:all-enrolled random ci_ub", random$ci.ub, 1.4683813779074639)
check("sensitivity:all-enrolled random k", random$k, 4)
check("sensitivity:all-enrolled random Q", random$QE, 55.731006645998448)
check("sensitivity:all-enrolled random tau2", random$tau2, 0.91867990568330882)
check_weights("sensitivity:all-enrolled random", weights(random), c(24.84494242032488, 25.430105500022204, 25.25981692615958, 24.465135153493335))
check("sensitivity:all-enrolled random I2", random$I2, 95.904505527722492)
pred <- predict(random)
print(pred)
check("sensitivity:all-enrolled random pi_lb", pred$pi.lb, -1.6022301916937023)
check("sensitivity:all-enrolled random pi_ub", pred$pi.ub, 2.6176869631593211)

# Subgroups (BCMA-directed modality): the same models on each subgroup's rows.
# One tau2 for every subgroup: the mixed-effects model with the subgroup as a factor
# (Ref: Viechtbauer (2010), JSS 36(3), sec. 3.3; Borenstein et al. (2009), ch. 19; R meta's
# tau.common = TRUE), over the rows that have a subgroup.
mm <- rma(yi, vi, mods = ~ factor(subgroup), data = d[d$subgroup != "", ], method = "REML", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(mm)
check("sensitivity:all-enrolled common tau2 of the subgroups", mm$tau2, 0.34308330483619726)

## subgroup Antibody-drug conjugate
dg <- d[d$subgroup == "Antibody-drug conjugate", ]
g1_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random estimate", g1_random$beta, -0.8034952377288106)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random se", g1_random$se, 0.62557334606252124)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random ci_lb", g1_random$ci.lb, -2.0295964656995635)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random ci_ub", g1_random$ci.ub, 0.42260599024194245)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random k", g1_random$k, 1)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random Q", g1_random$QE, 0)
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random tau2", g1_random$tau2, 0.34308330483619726)
check_weights("sensitivity:all-enrolled subgroup Antibody-drug conjugate random", weights(g1_random), c(100))
check("sensitivity:all-enrolled subgroup Antibody-drug conjugate random I2", g1_random$I2, 0)

## subgroup Bispecific antibody
dg <- d[d$subgroup == "Bispecific antibody", ]
g2_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("sensitivity:all-enrolled subgroup Bispecific antibody random estimate", g2_random$beta, 0.53351703496806124)
check("sensitivity:all-enrolled subgroup Bispecific antibody random se", g2_random$se, 0.60752953185382907)
check("sensitivity:all-enrolled subgroup Bispecific antibody random ci_lb", g2_random$ci.lb, -0.65721896700992322)
check("sensitivity:all-enrolled subgroup Bispecific antibody random ci_ub", g2_random$ci.ub, 1.7242530369460458)
check("sensitivity:all-enrolled subgroup Bispecific antibody random k", g2_random$k, 1)
check("sensitivity:all-enrolled subgroup Bispecific antibody random Q", g2_random$QE, 0)
check("sensitivity:all-enrolled subgroup Bispecific antibody random tau2", g2_random$tau2, 0.34308330483619726)
check_weights("sensitivity:all-enrolled subgroup Bispecific antibody random", weights(g2_random), c(100))
check("sensitivity:all-enrolled subgroup Bispecific antibody random I2", g2_random$I2, 0)

## subgroup CAR T cells
dg <- d[d$subgroup == "CAR T cells", ]
g3_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, tau2 = mm$tau2, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g3_random))
check("sensitivity:all-enrolled subgroup CAR T cells random estimate", g3_random$beta, 1.1392854901357083)
check("sensitivity:all-enrolled subgroup CAR T cells random se", g3_random$se, 0.44175593838061111)
check("sensitivity:all-enrolled subgroup CAR T cells random ci_lb", g3_random$ci.lb, 0.27345976095301527)
check("sensitivity:all-enrolled subgroup CAR T cells random ci_ub", g3_random$ci.ub, 2.0051112193184015)
check("sensitivity:all-enrolled subgroup CAR T cells random k", g3_random$k, 2)
check("sensitivity:all-enrolled subgroup CAR T cells random Q", g3_random$QE, 8.1739251697945008)
check("sensitivity:all-enrolled subgroup CAR T cells random tau2", g3_random$tau2, 0.34308330483619726)
check_weights("sensitivity:all-enrolled subgroup CAR T cells random", weights(g3_random), c(51.97569062968897, 48.024309370311009))
check("sensitivity:all-enrolled subgroup CAR T cells random I2", g3_random$I2, 87.765975596457039)
pred <- predict(g3_random)
print(pred)
check("sensitivity:all-enrolled subgroup CAR T cells random pi_lb", pred$pi.lb, -0.29862778294811831)
check("sensitivity:all-enrolled subgroup CAR T cells random pi_ub", pred$pi.ub, 2.5771987632195348)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta), as.numeric(g3_random$beta)), sei = c(g1_random$se, g2_random$se, g3_random$se), method = "FE")
print(between)
check("sensitivity:all-enrolled subgroup differences Q", between$QE, 6.4388784661934562)
check("sensitivity:all-enrolled subgroup differences p", between$QEp, 0.039977470018243436)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
