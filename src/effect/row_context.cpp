#include "effect/row_context.h"

#include <cmath>

#include "core/error.h"

namespace metareview::effect {

void fail(core::Measure measure, const StudyInput& row, const std::string& what) {
  std::string msg = "escalc(" + std::string(core::to_string(measure)) + "): study \"" + row.study + "\"";
  if (!row.where.file.empty()) {
    msg += " (" + row.where.file;
    if (row.where.line > 0) {
      msg += ':' + std::to_string(row.where.line);
      if (row.where.col > 0) msg += ':' + std::to_string(row.where.col);
    }
    msg += ')';
  }
  throw Error(msg + ": " + what);
}

std::string missing_fields(std::initializer_list<std::pair<std::string_view, double>> fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!std::isnan(value)) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

void add_note(EffectTable& table, std::size_t i, const std::string& text) {
  std::string& note = table.note[i];
  if (!note.empty()) note += "; ";
  note += text;
}

void exclude(EffectTable& table, std::size_t i, std::string note) {
  table.yi[i] = StudyInput::kNaN;
  table.vi[i] = StudyInput::kNaN;
  table.included[i] = false;
  add_note(table, i, note);
}

void store(EffectTable& table, std::size_t i, double yi, double vi, const std::string& why_not) {
  // Ref: metafor escalc(): +-Inf and NaN in yi or vi become NA, and so does a negative vi.
  if (!std::isfinite(yi) || !std::isfinite(vi) || vi < 0) {
    exclude(table, i, why_not);
    return;
  }
  table.yi[i] = yi;
  table.vi[i] = vi;
  if (vi == 0) add_note(table, i, "vi = 0: the sampling variance is zero (metafor keeps the row)");
}

}  // namespace metareview::effect
