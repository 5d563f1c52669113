#include <algorithm>
#include <cmath>
#include <string>

#include "core/error.h"
#include "model/count_pooling.h"

namespace metareview::model {
Table2x2 table_2x2(const effect::StudyInput& s, const char* fn) {
  if (!(std::isfinite(s.ai) && std::isfinite(s.n1i) && std::isfinite(s.ci) && std::isfinite(s.n2i)))
    throw Error(std::string(fn) + ": study '" + s.study + "' has no 2x2 counts (ai, n1i, ci, n2i)");
  return {s.ai, s.n1i - s.ai, s.ci, s.n2i - s.ci, s.n1i, s.n2i, s.n1i + s.n2i};
}


CountPooling mantel_haenszel(const effect::EffectTable& es) {
  const char* fn = "mantel_haenszel(es)";
  const std::size_t n = es.k();
  CountPooling out;
  out.weight.assign(n, 0.0);
  double R = 0, S = 0, sPR = 0, sPSQR = 0, sQS = 0, sum_a = 0, sum_c = 0, num = 0, den = 0;
  double rd_1 = 0, rd_2 = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Table2x2 t = table_2x2(es.input.at(i), fn);
    switch (es.measure) {
      case core::Measure::OR: {
        // Ref: Robins, Breslow & Greenland (1986), eq. 4: R_i = a d/N, S_i = b c/N,
        // P_i = (a+d)/N, Q_i = (b+c)/N.
        const double Ri = t.a * t.d / t.N, Si = t.b * t.c / t.N;
        const double Pi = (t.a + t.d) / t.N, Qi = (t.b + t.c) / t.N;
        R += Ri, S += Si;
        sPR += Pi * Ri, sPSQR += Pi * Si + Qi * Ri, sQS += Qi * Si;
        out.weight[i] = Si;
        break;
      }
      case core::Measure::RR: {
        // Ref: Greenland & Robins (1985), eqs. 7 and 13.
        R += t.a * t.n2 / t.N, S += t.c * t.n1 / t.N;
        sum_a += t.a, sum_c += t.c;
        sPR += (t.n1 / t.N) * (t.n2 / t.N) * (t.a + t.c) - (t.a / t.N) * t.c;
        out.weight[i] = t.c * t.n1 / t.N;
        break;
      }
      case core::Measure::RD: {
        // Ref: Greenland & Robins (1985), eq. 5; variance of Sato, Greenland & Robins (1989).
        const double f1 = t.n1 / t.N, f2 = t.n2 / t.N;
        num += t.a * f2 - t.c * f1;
        den += t.n1 * f2;
        rd_1 += t.c * f1 * f1 - t.a * f2 * f2 + f1 * f2 * (t.n2 - t.n1) / 2;
        rd_2 += (t.a * (t.n2 - t.c) / t.N + t.c * (t.n1 - t.a) / t.N) / 2;
        out.weight[i] = t.n1 * f2;
        break;
      }
      default:
        throw Error(std::string(fn) + ": Mantel-Haenszel applies to OR, RR and RD, not " +
                    std::string(core::to_string(es.measure)));
    }
  }
  if (es.measure == core::Measure::OR) {
    if (R == 0 || S == 0)
      throw Error(std::string(fn) + ": the Mantel-Haenszel OR is undefined (sum of " + (R == 0 ? "a*d/N" : "b*c/N") +
                  " is 0)");
    out.beta = std::log(R / S);
    out.se = std::sqrt(0.5 * (sPR / (R * R) + sPSQR / (R * S) + sQS / (S * S)));
  } else if (es.measure == core::Measure::RR) {
    if (sum_a == 0 || sum_c == 0)
      throw Error(std::string(fn) + ": the Mantel-Haenszel RR is undefined (no events in the " +
                  (sum_a == 0 ? "first" : "second") + " group of any study)");
    out.beta = std::log(R / S);
    out.se = std::sqrt(sPR / (R * S));
  } else {
    out.beta = num / den;
    out.se = std::sqrt((out.beta * rd_1 + rd_2) / (den * den));
  }
  // Q from the escalc outcomes of the rows kept (metafor rma.mh: wi = 1/vi, df = k.yi - 1).
  out.yi = es.yi;
  out.vi = es.vi;
  out.yi_used.assign(n, false);
  for (std::size_t i = 0; i < n; ++i) {
    if (!es.included.at(i) || !std::isfinite(es.yi[i]) || !std::isfinite(es.vi[i])) continue;
    out.yi_used[i] = true;
    ++out.k_yi;
    out.Q += (es.yi[i] - out.beta) * (es.yi[i] - out.beta) / es.vi[i];
  }
  out.Q = std::max(0.0, out.Q);
  return out;
}

}  // namespace metareview::model
