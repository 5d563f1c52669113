# Golden values for tests/unit/present/headline_test.cpp (metafor 3.8-1).
library(metafor)
options(digits = 10)
# Three single-arm proportions, logit scale, REML.
dat <- escalc(measure = "PLO", xi = c(10, 30, 45), ni = c(20, 40, 60))
r3 <- rma(yi, vi, data = dat, method = "REML")
print(predict(r3, transf = transf.ilogit))
# The first two only: metafor still gives a prediction interval; metareview does not show it.
r2 <- rma(yi, vi, data = dat[1:2, ], method = "REML")
print(predict(r2, transf = transf.ilogit))
# Homogeneous generic effects: the Hartung-Knapp factor is below 1.
yi <- c(0.10, 0.12, 0.11, 0.13, 0.09); vi <- c(0.01, 0.02, 0.015, 0.01, 0.02)
hk <- rma(yi, vi, method = "REML", test = "knha")
wald <- rma(yi, vi, method = "REML")
cat("hk", hk$b, hk$ci.lb, hk$ci.ub, hk$s2w, "\n")
cat("wald", wald$b, wald$ci.lb, wald$ci.ub, "\n")
