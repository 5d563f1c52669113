# Stored results of the generic inverse-variance outcomes of tests/data/rm5/ipd-and-iv.rm5 (a
# hand-written file, tests/data/rm5/README.md), and the goldens of tests/unit/import/rm5_test.cpp.
# RevMan 5 was not run: what RevMan would store is computed here with R meta 7.0-0's metagen()
# under RevMan 5's methods (inverse-variance common effect; DerSimonian-Laird random effects with
# the classic z CI; I2 from Q), as metacr() reruns an imported RevMan outcome.
#  - CMP-002.04 "Pain": MD, data as entered (LOG_DATA="NO"), random effects. Study S has SE 0
#    (not estimable) and takes no part.
#  - CMP-002.05 "Progression": "Hazard Ratio", log HR entered (LOG_DATA="YES"), common effect.
#  - CMP-002.06 "Exacerbations": "Rate Ratio" (no metafor code), LOG_DATA="YES", common effect.
# With LOG_DATA="YES" RevMan stores EFFECT_SIZE, CI_START and CI_END as exp() of the log values
# and SE on the log scale (as DICH_DATA stores OR and SE(log OR); R meta's metacr() takes
# log(EFFECT_SIZE) for such rows).
# Run: Rscript iv_outcomes.R > iv_outcomes.txt   (made with R 4.2, meta 7.0-0)
suppressMessages(library(meta))
jd <- function(x) {  # a double as RevMan (Java) prints it: shortest round trip, "E" exponent
  for (d in 15:17) { s <- sprintf(paste0("%.", d, "g"), x); if (as.numeric(s) == x) break }
  if (grepl("e", s)) {
    m <- sub("e.*", "", s); e <- as.integer(sub(".*e", "", s))
    if (!grepl("\\.", m)) m <- paste0(m, ".0")
    return(paste0(m, "E", e))
  }
  if (!grepl("\\.", s)) s <- paste0(s, ".0")
  s
}
outcome <- function(id, no, name, measure_xml, te, se, studies, random, log_data) {
  m <- metagen(te, se, studlab = studies, sm = if (log_data) "HR" else "MD", common = !random,
               random = random, method.tau = "DL", method.random.ci = "classic")
  back <- if (log_data) exp else identity
  if (random) {
    est <- m$TE.random; lb <- m$lower.random; ub <- m$upper.random; z <- m$statistic.random
    p <- m$pval.random; w <- m$w.random
  } else {
    est <- m$TE.common; lb <- m$lower.common; ub <- m$upper.common; z <- m$statistic.common
    p <- m$pval.common; w <- m$w.common
  }
  attrs <- c(CHI2 = jd(m$Q), CI_END = jd(back(ub)), CI_START = jd(back(lb)), CI_STUDY = "95",
             CI_TOTAL = "95", DF = as.character(m$df.Q),
             EFFECT_MEASURE = if (is.null(measure_xml)) "MD" else NA, EFFECT_SIZE = jd(back(est)),
             I2 = jd(100 * m$I2), ID = id, LOG_DATA = if (log_data) "YES" else "NO", NO = no,
             P_CHI2 = jd(m$pval.Q), P_Z = jd(p), RANDOM = if (random) "YES" else "NO",
             TAU2 = jd(if (random) m$tau2 else 0), WEIGHT = "100.0", Z = jd(abs(z)))
  attrs <- attrs[!is.na(attrs)]
  cat("<IV_OUTCOME ", paste0(names(attrs), "=\"", attrs, "\"", collapse = " "), ">\n", sep = "")
  cat("<NAME>", name, "</NAME>\n", sep = "")
  if (!is.null(measure_xml)) cat("<EFFECT_MEASURE>", measure_xml, "</EFFECT_MEASURE>\n", sep = "")
  for (i in seq_along(te)) {
    cat("<IV_DATA CI_END=\"", jd(back(m$upper[i])), "\" CI_START=\"", jd(back(m$lower[i])),
        "\" EFFECT_SIZE=\"", jd(back(te[i])), "\" ESTIMABLE=\"YES\" ORDER=\"", i, "\" SE=\"", jd(se[i]),
        "\" STUDY_ID=\"STD-", studies[i], "\" WEIGHT=\"", jd(100 * w[i] / sum(w)), "\"/>\n", sep = "")
  }
  # Goldens: the pooled estimate (analysis scale), its SE, tau2 and Q, to 17 digits.
  cat("# golden ", id, " estimate=", sprintf("%.17g", est), " se=",
      sprintf("%.17g", if (random) m$seTE.random else m$seTE.common), " tau2=",
      sprintf("%.17g", if (random) m$tau2 else 0), " Q=", sprintf("%.17g", m$Q), "\n", sep = "")
  invisible(m)
}
outcome("CMP-002.04", "4", "Pain", NULL, c(-1.2, -0.5, 0.3), c(0.4, 0.3, 0.5), c("P", "Q", "R"),
        random = TRUE, log_data = FALSE)
outcome("CMP-002.05", "5", "Progression", "Hazard Ratio", c(-0.35, -0.1, -0.6), c(0.15, 0.2, 0.25),
        c("P", "Q", "R"), random = FALSE, log_data = TRUE)
outcome("CMP-002.06", "6", "Exacerbations", "Rate Ratio", c(-0.22, 0.05), c(0.11, 0.18), c("P", "R"),
        random = FALSE, log_data = TRUE)
