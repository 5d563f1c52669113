#include "model/moderators.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>

#include "core/format.h"
#include "core/text.h"

namespace metareview::model {
namespace {

std::optional<double> number(std::string_view t) {
  if (!t.empty() && t.front() == '+') t.remove_prefix(1);
  double x = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), x);
  if (t.empty() || r.ec != std::errc() || r.ptr != t.data() + t.size() || !std::isfinite(x)) return std::nullopt;
  return x;
}

// Rank of the first columns of X, judged as metafor judges a design: relative to the
// largest pivot of a column-pivoted QR of X (Ref: metafor rma.uni, qr(X)$rank with R's
// default tol 1e-7 on the pivots).
Eigen::Index rank_of(const Eigen::MatrixXd& X) {
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(X);
  qr.setThreshold(1e-7);
  return qr.rank();
}

struct Level {
  std::string text;
  double value = 0;  ///< numeric factors sort by value, as R's factor() of a number
};

}  // namespace

Design make_design(const std::vector<ModeratorColumn>& mods, const std::vector<bool>& used, bool estimate_tau2,
                   core::Diagnostics& diags) {
  const std::size_t n = used.size();
  std::vector<std::size_t> rows;
  for (std::size_t i = 0; i < n; ++i)
    if (used[i]) rows.push_back(i);
  Design d;
  std::vector<Eigen::VectorXd> cols{Eigen::VectorXd::Ones(static_cast<Eigen::Index>(n))};
  d.names = {"intrcpt"};
  d.moderator = {-1};
  const std::size_t errors_before = diags.error_count();
  for (std::size_t m = 0; m < mods.size(); ++m) {
    const ModeratorColumn& c = mods[m];
    std::vector<std::optional<double>> x(n);
    bool numeric = true;
    for (std::size_t i : rows) {
      x[i] = number(c.values[i]);
      numeric = numeric && x[i].has_value();
    }
    const bool factor = c.factor || !numeric;
    d.is_factor.push_back(factor);
    // Numbers are the same level when equal in value ("1" and "1.0"), as in R.
    const auto level_of = [&](std::size_t i) {
      return numeric ? Level{core::format_shortest(*x[i]), *x[i]} : Level{c.values[i], 0};
    };
    std::vector<Level> levels;
    for (std::size_t i : rows) {
      const Level l = level_of(i);
      if (std::none_of(levels.begin(), levels.end(), [&](const Level& o) { return o.text == l.text; }))
        levels.push_back(l);
    }
    if (levels.size() < 2 && !rows.empty()) {
      diags.error(c.header, "moderator '" + c.name + "' is constant (" + levels.front().text +
                                " in every study); it cannot be estimated next to the intercept");
      continue;
    }
    const std::size_t first_col = cols.size();
    if (!factor) {
      Eigen::VectorXd v = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
      for (std::size_t i : rows) v(static_cast<Eigen::Index>(i)) = *x[i];
      cols.push_back(v);
      d.names.push_back(c.name);
      d.moderator.push_back(static_cast<int>(m));
    } else {
      // Ref: R's factor(): levels sorted (numbers by value, text by bytes: the C locale).
      std::sort(levels.begin(), levels.end(), [&](const Level& a, const Level& b) {
        return numeric ? a.value < b.value : a.text < b.text;
      });
      for (std::size_t l = 1; l < levels.size(); ++l) {
        Eigen::VectorXd v = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
        for (std::size_t i : rows) v(static_cast<Eigen::Index>(i)) = level_of(i).text == levels[l].text ? 1.0 : 0.0;
        cols.push_back(v);
        d.names.push_back(c.name + levels[l].text);
        d.moderator.push_back(static_cast<int>(m));
      }
    }
    // Collinear: the new columns add less to the rank than their number.
    Eigen::MatrixXd Xu(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols.size()));
    for (std::size_t j = 0; j < cols.size(); ++j)
      for (std::size_t r = 0; r < rows.size(); ++r)
        Xu(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(j)) = cols[j](static_cast<Eigen::Index>(rows[r]));
    if (rows.size() >= cols.size() && rank_of(Xu) < static_cast<Eigen::Index>(cols.size())) {
      std::vector<std::string> before;
      for (std::size_t j = 0; j < first_col; ++j) before.push_back(d.names[j]);
      diags.error(c.header, "moderator '" + c.name + "' is collinear with " + core::join(before, ", ") +
                                " (a linear combination of them); drop one of these moderators");
      cols.resize(first_col);
      d.names.resize(first_col);
      d.moderator.resize(first_col);
    }
  }
  if (diags.error_count() > errors_before) return d;
  const std::size_t p = cols.size(), k = rows.size(), need = p + (estimate_tau2 ? 1 : 0);
  if (need > k) {
    diags.error(mods.empty() ? core::SourceLocation{} : mods.back().header,
                std::to_string(p) + " coefficients (" + core::join(d.names, ", ") + ")" +
                    (estimate_tau2 ? " and tau2" : "") + " cannot be estimated from k = " + std::to_string(k) +
                    " studies; use fewer moderators or factor levels");
    return d;
  }
  d.X.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(p));
  for (std::size_t j = 0; j < p; ++j) d.X.col(static_cast<Eigen::Index>(j)) = cols[j];
  return d;
}

}  // namespace metareview::model
