# metareview export --format r: review "anti-cd38-rrmm-pfs", analysis "pfs"
# Progression-free survival, anti-CD38 triplet vs doublet (primary analyses)
# Rebuilds the analysis with metafor from pfs.csv (the rows it pooled, read beside this script), prints
# metafor's summaries, and compares every pooled number with the value metareview computed
# (the constants below, to 17 significant digits): it stops with an error when any differs by
# more than 1e-6 relative, else prints OK. Run: Rscript pfs.R   (docs/export.md)
# Written by metareview 0.1.0.

suppressPackageStartupMessages(library(metafor))
here <- local({
  f <- grep("^--file=", commandArgs(trailingOnly = FALSE), value = TRUE)
  if (length(f) > 0) dirname(normalizePath(sub("^--file=", "", f[1]))) else getwd()
})
csv <- read.csv(file.path(here, "pfs.csv"), fileEncoding = "UTF-8", stringsAsFactors = FALSE,
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
check("main random estimate", random$beta, -0.66396954718328127)
check("main random se", random$se, 0.10022636202796778)
check("main random ci_lb", random$ci.lb, -0.86040960705957092)
check("main random ci_ub", random$ci.ub, -0.46752948730699162)
check("main random k", random$k, 6)
check("main random Q", random$QE, 11.153706846176492)
check("main random tau2", random$tau2, 0.033137699403576693)
check_weights("main random", weights(random), c(17.417669978109373, 13.843630959307548, 16.844634153410354, 17.943035843458066, 17.508381718557406, 16.442647347157255))
check("main random I2", random$I2, 55.24674652014906)
pred <- predict(random)
print(pred)
check("main random pi_lb", pred$pi.lb, -1.0712603582698812)
check("main random pi_ub", pred$pi.ub, -0.2566787360966814)

# Subgroups (Partner drug class): the same models on each subgroup's rows.

## subgroup Proteasome inhibitor
dg <- d[d$subgroup == "Proteasome inhibitor", ]
g1_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("main subgroup Proteasome inhibitor random estimate", g1_random$beta, -0.6797218421800002)
check("main subgroup Proteasome inhibitor random se", g1_random$se, 0.14880068695629448)
check("main subgroup Proteasome inhibitor random ci_lb", g1_random$ci.lb, -0.97136582948915628)
check("main subgroup Proteasome inhibitor random ci_ub", g1_random$ci.ub, -0.38807785487084406)
check("main subgroup Proteasome inhibitor random k", g1_random$k, 3)
check("main subgroup Proteasome inhibitor random Q", g1_random$QE, 4.5705827130877168)
check("main subgroup Proteasome inhibitor random tau2", g1_random$tau2, 0.036883711160265079)
check_weights("main subgroup Proteasome inhibitor random", weights(g1_random), c(36.050043751779427, 29.015849387857642, 34.934106860362917))
check("main subgroup Proteasome inhibitor random I2", g1_random$I2, 55.620724735558412)
pred <- predict(g1_random)
print(pred)
check("main subgroup Proteasome inhibitor random pi_lb", pred$pi.lb, -1.1558977266072965)
check("main subgroup Proteasome inhibitor random pi_ub", pred$pi.ub, -0.2035459577527039)

## subgroup Immunomodulatory drug
dg <- d[d$subgroup == "Immunomodulatory drug", ]
g2_random <- rma(yi, vi, data = dg, method = "REML", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("main subgroup Immunomodulatory drug random estimate", g2_random$beta, -0.65189591457313267)
check("main subgroup Immunomodulatory drug random se", g2_random$se, 0.16610622546514489)
check("main subgroup Immunomodulatory drug random ci_lb", g2_random$ci.lb, -0.97745813409270665)
check("main subgroup Immunomodulatory drug random ci_ub", g2_random$ci.ub, -0.32633369505355875)
check("main subgroup Immunomodulatory drug random k", g2_random$k, 3)
check("main subgroup Immunomodulatory drug random Q", g2_random$QE, 6.4941154103525633)
check("main subgroup Immunomodulatory drug random tau2", g2_random$tau2, 0.057816315305874139)
check_weights("main subgroup Immunomodulatory drug random", weights(g2_random), c(34.205558248966938, 33.626172107680901, 32.168269643352168))
check("main subgroup Immunomodulatory drug random I2", g2_random$I2, 69.880217660787096)
pred <- predict(g2_random)
print(pred)
check("main subgroup Immunomodulatory drug random pi_lb", pred$pi.lb, -1.2246871096785517)
check("main subgroup Immunomodulatory drug random pi_ub", pred$pi.ub, -0.079104719467713691)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta)), sei = c(g1_random$se, g2_random$se), method = "FE")
print(between)
check("main subgroup differences Q", between$QE, 0.015568806477936754)
check("main subgroup differences p", between$QEp, 0.9007016612338844)

# Leave-one-out: the random-effects model refitted without each study (metafor's leave1out).
l1o <- leave1out(random)
print(l1o)
check("main leave-one-out without CANDOR estimate", l1o$estimate[1], -0.70673669092375691)
check("main leave-one-out without CANDOR se", l1o$se[1], 0.11263294478172683)
check("main leave-one-out without CANDOR tau2", l1o$tau2[1], 0.035729741058862952)
check("main leave-one-out without IKEMA estimate", l1o$estimate[2], -0.66982776884316708)
check("main leave-one-out without IKEMA se", l1o$se[2], 0.11886371540225782)
check("main leave-one-out without IKEMA tau2", l1o$tau2[2], 0.045474024519662384)
check("main leave-one-out without CASTOR estimate", l1o$estimate[3], -0.60652996494870137)
check("main leave-one-out without CASTOR se", l1o$se[3], 0.10099306200518827)
check("main leave-one-out without CASTOR tau2", l1o$tau2[3], 0.023820033936292485)
check("main leave-one-out without APOLLO estimate", l1o$estimate[4], -0.70820862087939251)
check("main leave-one-out without APOLLO se", l1o$se[4], 0.11246979325802293)
check("main leave-one-out without APOLLO tau2", l1o$tau2[4], 0.035162379857625214)
check("main leave-one-out without ICARIA-MM estimate", l1o$estimate[5], -0.69562304396104324)
check("main leave-one-out without ICARIA-MM se", l1o$se[5], 0.11792201072108785)
check("main leave-one-out without ICARIA-MM tau2", l1o$tau2[5], 0.041722237529883625)
check("main leave-one-out without POLLUX estimate", l1o$estimate[6], -0.59712121360323622)
check("main leave-one-out without POLLUX se", l1o$se[6], 0.092581053503098643)
check("main leave-one-out without POLLUX tau2", l1o$tau2[6], 0.016061120476841807)

# ---- sensitivity:hartung-knapp: Hartung-Knapp instead of the z test ----
d <- csv[csv$set == "sensitivity:hartung-knapp", ]
# HR rows, as metareview's escalc: from the HR and its CI, log HR and the SE from the CI's
# width on the log scale at the CI's own level (Ref: Tierney et al. (2007), Trials 8:16;
# Altman & Bland (2011), BMJ 343:d2090); from log-rank O - E and V, log HR = (O - E) / V
# with variance 1 / V (Ref: Tierney et al. (2007), the Peto one-step estimate).
from_ci <- !is.na(d$hr)
sei_ci <- (log(d$hr_ci_ub) - log(d$hr_ci_lb)) / (2 * qnorm(1 - (1 - d$hr_level / 100) / 2))
e <- data.frame(yi = ifelse(from_ci, log(d$hr), d$o_minus_e / d$v),
                vi = ifelse(from_ci, sei_ci^2, 1 / d$v))
check_rows("sensitivity:hartung-knapp", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "REML", test = "knha", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("sensitivity:hartung-knapp random estimate", random$beta, -0.66396954718328127)
check("sensitivity:hartung-knapp random se", random$se, 0.099209741920685199)
check("sensitivity:hartung-knapp random ci_lb", random$ci.lb, -0.91899630768276119)
check("sensitivity:hartung-knapp random ci_ub", random$ci.ub, -0.4089427866838013)
check("sensitivity:hartung-knapp random k", random$k, 6)
check("sensitivity:hartung-knapp random Q", random$QE, 11.153706846176492)
check("sensitivity:hartung-knapp random tau2", random$tau2, 0.033137699403576693)
check_weights("sensitivity:hartung-knapp random", weights(random), c(17.417669978109373, 13.843630959307548, 16.844634153410354, 17.943035843458066, 17.508381718557406, 16.442647347157255))
check("sensitivity:hartung-knapp random I2", random$I2, 55.24674652014906)
pred <- predict(random)
print(pred)
check("sensitivity:hartung-knapp random pi_lb", pred$pi.lb, -1.1968944512261013)
check("sensitivity:hartung-knapp random pi_ub", pred$pi.ub, -0.13104464314046127)

# Subgroups (Partner drug class): the same models on each subgroup's rows.

## subgroup Proteasome inhibitor
dg <- d[d$subgroup == "Proteasome inhibitor", ]
g1_random <- rma(yi, vi, data = dg, method = "REML", test = "knha", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random estimate", g1_random$beta, -0.6797218421800002)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random se", g1_random$se, 0.14426726880042126)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random ci_lb", g1_random$ci.lb, -1.3004538000976322)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random ci_ub", g1_random$ci.ub, -0.058989884262368286)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random k", g1_random$k, 3)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random Q", g1_random$QE, 4.5705827130877168)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random tau2", g1_random$tau2, 0.036883711160265079)
check_weights("sensitivity:hartung-knapp subgroup Proteasome inhibitor random", weights(g1_random), c(36.050043751779427, 29.015849387857642, 34.934106860362917))
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random I2", g1_random$I2, 55.620724735558412)
pred <- predict(g1_random)
print(pred)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random pi_lb", pred$pi.lb, -1.7132254406918574)
check("sensitivity:hartung-knapp subgroup Proteasome inhibitor random pi_ub", pred$pi.ub, 0.35378175633185704)

## subgroup Immunomodulatory drug
dg <- d[d$subgroup == "Immunomodulatory drug", ]
g2_random <- rma(yi, vi, data = dg, method = "REML", test = "knha", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random estimate", g2_random$beta, -0.65189591457313267)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random se", g2_random$se, 0.1674905181355506)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random ci_lb", g2_random$ci.lb, -1.3725494496362112)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random ci_ub", g2_random$ci.ub, 0.068757620489945936)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random k", g2_random$k, 3)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random Q", g2_random$QE, 6.4941154103525633)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random tau2", g2_random$tau2, 0.057816315305874139)
check_weights("sensitivity:hartung-knapp subgroup Immunomodulatory drug random", weights(g2_random), c(34.205558248966938, 33.626172107680901, 32.168269643352168))
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random I2", g2_random$I2, 69.880217660787096)
pred <- predict(g2_random)
print(pred)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random pi_lb", pred$pi.lb, -1.9127228597044605)
check("sensitivity:hartung-knapp subgroup Immunomodulatory drug random pi_ub", pred$pi.ub, 0.6089310305581952)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta)), sei = c(g1_random$se, g2_random$se), method = "FE")
print(between)
check("sensitivity:hartung-knapp subgroup differences Q", between$QE, 0.015844971337050047)
check("sensitivity:hartung-knapp subgroup differences p", between$QEp, 0.89982943945275562)

# ---- sensitivity:dersimonian-laird: DerSimonian-Laird instead of REML ----
d <- csv[csv$set == "sensitivity:dersimonian-laird", ]
# HR rows, as metareview's escalc: from the HR and its CI, log HR and the SE from the CI's
# width on the log scale at the CI's own level (Ref: Tierney et al. (2007), Trials 8:16;
# Altman & Bland (2011), BMJ 343:d2090); from log-rank O - E and V, log HR = (O - E) / V
# with variance 1 / V (Ref: Tierney et al. (2007), the Peto one-step estimate).
from_ci <- !is.na(d$hr)
sei_ci <- (log(d$hr_ci_ub) - log(d$hr_ci_lb)) / (2 * qnorm(1 - (1 - d$hr_level / 100) / 2))
e <- data.frame(yi = ifelse(from_ci, log(d$hr), d$o_minus_e / d$v),
                vi = ifelse(from_ci, sei_ci^2, 1 / d$v))
check_rows("sensitivity:dersimonian-laird", d, e)
d$yi <- as.numeric(e$yi)
d$vi <- as.numeric(e$vi)
random <- rma(yi, vi, data = d, method = "DL", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(random))
check("sensitivity:dersimonian-laird random estimate", random$beta, -0.66396088095909922)
check("sensitivity:dersimonian-laird random se", random$se, 0.10014246020175933)
check("sensitivity:dersimonian-laird random ci_lb", random$ci.lb, -0.8602364962777832)
check("sensitivity:dersimonian-laird random ci_ub", random$ci.ub, -0.46768526564041524)
check("sensitivity:dersimonian-laird random k", random$k, 6)
check("sensitivity:dersimonian-laird random Q", random$QE, 11.153706846176492)
check("sensitivity:dersimonian-laird random tau2", random$tau2, 0.033037491064672665)
check_weights("sensitivity:dersimonian-laird random", weights(random), c(17.418786209693167, 13.839575296700914, 16.844749074113906, 17.945127858010924, 17.509662485262943, 16.442099076218135))
check("sensitivity:dersimonian-laird random I2", random$I2, 55.171853905107717)
pred <- predict(random)
print(pred)
check("sensitivity:dersimonian-laird random pi_lb", pred$pi.lb, -1.0706994685466529)
check("sensitivity:dersimonian-laird random pi_ub", pred$pi.ub, -0.25722229337154545)

# Subgroups (Partner drug class): the same models on each subgroup's rows.

## subgroup Proteasome inhibitor
dg <- d[d$subgroup == "Proteasome inhibitor", ]
g1_random <- rma(yi, vi, data = dg, method = "DL", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g1_random))
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random estimate", g1_random$beta, -0.6797261695057466)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random se", g1_random$se, 0.14986022487831016)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random ci_lb", g1_random$ci.lb, -0.97344681298230795)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random ci_ub", g1_random$ci.ub, -0.38600552602918531)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random k", g1_random$k, 3)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random Q", g1_random$QE, 4.5705827130877168)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random tau2", g1_random$tau2, 0.037825071848415888)
check_weights("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random", weights(g1_random), c(36.013292346906276, 29.071899454285056, 34.914808198808672))
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random I2", g1_random$I2, 56.241903373216196)
pred <- predict(g1_random)
print(pred)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random pi_lb", pred$pi.lb, -1.1609488542368089)
check("sensitivity:dersimonian-laird subgroup Proteasome inhibitor random pi_ub", pred$pi.ub, -0.19850348477468427)

## subgroup Immunomodulatory drug
dg <- d[d$subgroup == "Immunomodulatory drug", ]
g2_random <- rma(yi, vi, data = dg, method = "DL", test = "z", level = 95, control = list(threshold = 1e-10, maxiter = 1000, stepadj = 1))
print(summary(g2_random))
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random estimate", g2_random$beta, -0.65176231886699798)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random se", g2_random$se, 0.16426904880069562)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random ci_lb", g2_random$ci.lb, -0.973723738291014)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random ci_ub", g2_random$ci.ub, -0.32980089944298202)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random k", g2_random$k, 3)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random Q", g2_random$QE, 6.4941154103525633)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random tau2", g2_random$tau2, 0.055996671857122877)
check_weights("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random", weights(g2_random), c(34.225168560040757, 33.632302593215471, 32.142528846743772))
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random I2", g2_random$I2, 69.202887943572577)
pred <- predict(g2_random)
print(pred)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random pi_lb", pred$pi.lb, -1.2163578064796656)
check("sensitivity:dersimonian-laird subgroup Immunomodulatory drug random pi_ub", pred$pi.ub, -0.087166831254330224)

# Test for subgroup differences: a common-effect meta-analysis of the subgroup estimates,
# Q_between on (subgroups - 1) df, as R meta's Q.b.random and RevMan (Ref: Borenstein et al. (2009), ch. 19).
between <- rma(yi = c(as.numeric(g1_random$beta), as.numeric(g2_random$beta)), sei = c(g1_random$se, g2_random$se), method = "FE")
print(between)
check("sensitivity:dersimonian-laird subgroup differences Q", between$QE, 0.015815915602722334)
check("sensitivity:dersimonian-laird subgroup differences p", between$QEp, 0.8999208419139525)

if (length(mismatches) > 0) {
  message(paste(mismatches, collapse = "\n"))
  stop(length(mismatches), " numbers differ between metafor and metareview by more than 1e-6 relative (above)",
       call. = FALSE)
}
cat("OK\n")
