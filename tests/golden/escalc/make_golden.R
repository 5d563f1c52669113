# Golden values for metareview's escalc(), hazard-ratio helpers and back-transformations.
#
# Rerun from the repository root with R >= 4.2, metafor 3.8-1 and metadat installed:
#   Rscript tests/golden/escalc/make_golden.R
# It rewrites the CSV files next to this script; the C++ tests (tests/unit/effect/
# escalc_golden_test.cpp) read only those files, so R is not needed to run the tests.
# Every number is written with 17 significant digits; a missing value is "NA".
suppressPackageStartupMessages({ library(metafor); library(metadat) })
stopifnot(packageVersion("metafor") == "3.8.1")

out_dir <- "tests/golden/escalc"
fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
write_golden <- function(df, file) {
  for (col in names(df)) if (is.numeric(df[[col]])) df[[col]] <- fmt(df[[col]])
  stopifnot(!any(grepl(",", unlist(df))))  # the C++ reader splits on commas only
  write.table(df, file.path(out_dir, file), sep = ",", quote = FALSE, row.names = FALSE,
              na = "NA", fileEncoding = "UTF-8")
}

# ---------------------------------------------------------------------------------------
# escalc cases: one row per study and case; the C++ test groups rows by `case`, calls
# escalc() with the case's options and compares yi/vi (NA in R = row not included).
cases <- list()
add_case <- function(case, measure, d, add = 0.5, to = "only0", drop00 = FALSE, vtype = "LS",
                     add_given = TRUE) {
  args <- list(measure = measure, to = to, drop00 = drop00, vtype = vtype)
  # metafor uses add = 0 for PAS/PFT unless add is passed: mirror metareview's add_given.
  if (add_given) args$add <- add
  if (measure %in% c("OR", "RR", "RD"))
    args <- c(args, list(ai = d$ai, n1i = d$n1i, ci = d$ci, n2i = d$n2i))
  if (measure %in% c("PR", "PLO", "PAS", "PFT")) args <- c(args, list(xi = d$xi, ni = d$ni))
  if (measure %in% c("MD", "SMD"))
    args <- c(args, list(m1i = d$m1i, sd1i = d$sd1i, n1i = d$n1i, m2i = d$m2i, sd2i = d$sd2i, n2i = d$n2i))
  if (measure == "GEN") args <- c(args, list(yi = d$yi, vi = d$vi))
  es <- suppressWarnings(do.call(escalc, args))
  col <- function(name) if (is.null(d[[name]])) rep(NA_real_, nrow(d)) else as.numeric(d[[name]])
  cases[[length(cases) + 1]] <<- data.frame(
    case = case, measure = measure, add = add, to = to, drop00 = drop00, vtype = vtype,
    add_given = add_given, study = d$study,
    ai = col("ai"), n1i = col("n1i"), ci = col("ci"), n2i = col("n2i"), xi = col("xi"), ni = col("ni"),
    m1i = col("m1i"), sd1i = col("sd1i"), m2i = col("m2i"), sd2i = col("sd2i"),
    gen_yi = if (measure == "GEN") col("yi") else NA_real_,
    gen_vi = if (measure == "GEN") col("vi") else NA_real_,
    yi = as.numeric(es$yi), vi = as.numeric(es$vi),
    ni_attr = if (is.null(attr(es$yi, "ni"))) NA_real_ else as.numeric(attr(es$yi, "ni")),
    stringsAsFactors = FALSE)
}

# dat.bcg (Colditz et al. 1994): the three 2x2 measures with metafor's defaults.
bcg <- with(dat.bcg, data.frame(study = paste0(gsub(" ", "_", author), "_", year),
                                ai = tpos, n1i = tpos + tneg, ci = cpos, n2i = cpos + cneg))
for (m in c("OR", "RR", "RD")) add_case(paste0("bcg_", m), m, bcg)
add_case("bcg_RD_UB", "RD", bcg, vtype = "UB")
add_case("bcg_RD_AV", "RD", bcg, vtype = "AV")

# dat.collins1985a, deaths: zero cells, a double-zero study (Stiel 1984) and missing
# counts (Macklon, Pickard, Arvanitakis), under every `to` and drop00.
col85 <- with(dat.collins1985a, data.frame(study = gsub(" ", "_", trial), ai = d.xti, n1i = nti,
                                           ci = d.xci, n2i = nci))
# Constructed: a double zero, zero cells in either arm, all events in both arms (bi = di = 0),
# all events in one arm, and a table without zeros.
zeros <- data.frame(study = c("double_zero", "zero_arm1", "zero_arm2", "all_events_both",
                              "all_events_arm1", "no_zero"),
                    ai = c(0, 0, 4, 5, 10, 3), n1i = c(10, 20, 15, 5, 10, 30),
                    ci = c(0, 3, 0, 8, 5, 6), n2i = c(12, 20, 16, 8, 10, 30))
# Constructed: the only zero-cell study is a double zero, so with drop00 "if0all" adds nothing.
only00 <- data.frame(study = c("double_zero", "no_zero"), ai = c(0, 3), n1i = c(10, 10),
                     ci = c(0, 5), n2i = c(10, 10))
for (m in c("OR", "RR", "RD")) for (to in c("all", "only0", "if0all", "none"))
  for (dz in c(FALSE, TRUE)) {
    tag <- paste0(m, "_", to, if (dz) "_drop00" else "")
    add_case(paste0("collins_deaths_", tag), m, col85, to = to, drop00 = dz)
    add_case(paste0("zeros_", tag), m, zeros, to = to, drop00 = dz)
    add_case(paste0("only00_", tag), m, only00, to = to, drop00 = dz)
  }
add_case("zeros_OR_only0_add0.25", "OR", zeros, add = 0.25)
add_case("zeros_RR_all_add1", "RR", zeros, add = 1, to = "all")
add_case("zeros_RD_only0_add0", "RD", zeros, add = 0)

# dat.pritz1997 (single-arm proportions; Tanabe 10/10 has xi = ni).
pritz <- with(dat.pritz1997, data.frame(study = gsub(" ", "_", authors), xi = xi, ni = ni))
for (m in c("PR", "PLO", "PAS", "PFT")) add_case(paste0("pritz_", m), m, pritz, add_given = m %in% c("PR", "PLO"))
add_case("pritz_PR_UB", "PR", pritz, vtype = "UB")
add_case("pritz_PR_AV", "PR", pritz, vtype = "AV")
add_case("pritz_PLO_AV", "PLO", pritz, vtype = "AV")
add_case("pritz_PAS_add", "PAS", pritz, add_given = TRUE)
add_case("pritz_PFT_add", "PFT", pritz, add_given = TRUE)
# Constructed: xi = 0, xi = ni, n = 1.
props <- data.frame(study = c("none_of_10", "all_of_10", "three_of_10", "none_of_1", "one_of_1"),
                    xi = c(0, 10, 3, 0, 1), ni = c(10, 10, 10, 1, 1))
for (m in c("PR", "PLO", "PAS", "PFT")) for (to in c("all", "only0", "if0all", "none")) {
  add_case(paste0("props_", m, "_", to), m, props, to = to, add_given = TRUE)
  if (m %in% c("PAS", "PFT")) add_case(paste0("props_", m, "_", to, "_default_add"), m, props, to = to,
                                       add_given = FALSE)
}

# dat.normand1999 (length of stay): MD and SMD with each variance type.
normand <- with(dat.normand1999, data.frame(study = source, m1i = m1i, sd1i = sd1i, n1i = n1i,
                                            m2i = m2i, sd2i = sd2i, n2i = n2i))
add_case("normand_MD", "MD", normand)
add_case("normand_MD_HO", "MD", normand, vtype = "HO")
for (v in c("LS", "UB", "LS2", "AV")) add_case(paste0("normand_SMD_", v), "SMD", normand, vtype = v)
# Constructed: SD = 0 with equal and with different means, one SD 0, n = 1 per arm, and
# n1i + n2i = 3 (Hedges' correction undefined) or 4 (defined).
cont <- data.frame(study = c("sd0_equal_means", "sd0_different_means", "sd1_zero", "n1_each",
                             "n_total_3", "n_total_4"),
                   m1i = c(5, 6, 6, 3, 3, 3), sd1i = c(0, 0, 0, 1, 1, 1), n1i = c(5, 5, 5, 1, 2, 2),
                   m2i = c(5, 5, 5, 2, 2, 2), sd2i = c(0, 0, 2, 1, 1, 1), n2i = c(5, 5, 5, 1, 1, 2))
add_case("cont_MD", "MD", cont)
add_case("cont_MD_HO", "MD", cont, vtype = "HO")
add_case("cont_SMD", "SMD", cont)

gen <- data.frame(study = c("a", "b", "c"), yi = c(-0.3, 0.1, NA), vi = c(0.04, 0, 0.02))
add_case("gen", "GEN", gen)

write_golden(do.call(rbind, cases), "escalc_cases.csv")

# ---------------------------------------------------------------------------------------
# HR from a CI at any level: yi = log HR, SE from the CI width on the log scale.
hr <- data.frame(
  study = c("CANDOR_PFS", "IKEMA_PFS_99", "IKEMA_PFS_95.4", "MUKfive_ORR_90", "Niu2026_PFS", "Niu2026_OS",
            "ENDEAVOR_OS"),
  hr = c(0.63, 0.53, 0.58, 2.72, 0.712, 0.627, 0.791), ci_lb = c(0.46, 0.32, 0.42, 1.62, 0.583, 0.504, 0.648),
  ci_ub = c(0.85, 0.89, 0.79, 4.55, 0.874, 0.779, 0.964), level = c(95, 99, 95.4, 90, 95, 95, 95))
sei <- (log(hr$ci_ub) - log(hr$ci_lb)) / (2 * qnorm(1 - (1 - hr$level / 100) / 2))
hr$yi <- log(hr$hr)
hr$vi <- sei^2
hr$z <- hr$yi / sei
hr$p <- 2 * pnorm(abs(hr$z), lower.tail = FALSE)
write_golden(hr, "hr_ci.csv")

# HR from log-rank statistics (Tierney et al. 2007, Trials 8:16): V = E r / (1 + r)^2,
# |O - E| = sqrt(chi2 V), chi2 from a two-sided p as qnorm(p / 2)^2; yi = (O - E) / V, vi = 1 / V.
lr <- data.frame(
  case = c("oe_v", "chi2_1to1_below", "chi2_2to1_above", "p_1to1_below", "p_1to1_above", "p_one"),
  chi2 = c(NA, 7.345, 18.798, NA, NA, NA), p = c(NA, NA, NA, 0.0045, 0.042, 1),
  events = c(NA, 100, 60, 398, 431, 50), ratio = c(NA, 1, 2, 1, 1, 1),
  direction = c(NA, -1, 1, -1, 1, -1), o_minus_e = c(-12.5, NA, NA, NA, NA, NA),
  v = c(40.2, NA, NA, NA, NA, NA))
from_stats <- !is.na(lr$events)
chi2 <- ifelse(is.na(lr$chi2), qnorm(lr$p / 2, lower.tail = FALSE)^2, lr$chi2)
lr$v[from_stats] <- (lr$events * lr$ratio / (1 + lr$ratio)^2)[from_stats]
lr$o_minus_e[from_stats] <- (lr$direction * sqrt(chi2 * lr$v))[from_stats]
lr$yi <- lr$o_minus_e / lr$v
lr$vi <- 1 / lr$v
write_golden(lr, "hr_logrank.csv")

# ---------------------------------------------------------------------------------------
# Back-transformations: metafor's transf.* at the studies' own yi, at a pooled estimate,
# and beyond the clamping bounds.
tr <- list()
add_tr <- function(fn, x, value, ni = NA) {
  tr[[length(tr) + 1]] <<- data.frame(fn = fn, x = x, ni = ni, value = value)
}
bcg_or <- escalc("OR", ai = ai, n1i = n1i, ci = ci, n2i = n2i, data = bcg)
add_tr("exp", bcg_or$yi, exp(bcg_or$yi))
plo <- escalc("PLO", xi = xi, ni = ni, data = pritz)
x <- c(plo$yi, -800, -30, 0, 30, 800)
add_tr("ilogit", x, transf.ilogit(x))
pas <- escalc("PAS", xi = xi, ni = ni, data = pritz)
x <- c(pas$yi, -0.1, 0, 0.5, pi / 2, 1.6, 2)
add_tr("iarcsin", x, transf.iarcsin(x))
pft <- escalc("PFT", xi = xi, ni = ni, data = pritz)
add_tr("ipft", pft$yi, transf.ipft(pft$yi, pritz$ni), pritz$ni)
nhm <- 1 / mean(1 / pritz$ni)
pooled <- rma(yi, vi, data = pft, method = "REML")
lo <- transf.pft(0, nhm); hi <- transf.pft(1, nhm)
x <- c(pft$yi, as.numeric(pooled$beta), pooled$ci.lb, pooled$ci.ub, -1, 0, lo - 1e-9, lo + 1e-9,
       0.3, 1, hi - 1e-9, hi + 1e-9, 2)
add_tr("ipft.hm", x, transf.ipft.hm(x, targs = list(ni = pritz$ni)))
write_golden(do.call(rbind, tr), "transf.csv")
# The ni for ipft.hm (the harmonic mean is taken over these).
write_golden(data.frame(study = pritz$study, ni = pritz$ni), "transf_pritz_ni.csv")
