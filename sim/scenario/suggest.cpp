#include "freightsim/scenario/suggest.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <numeric>
#include <set>

namespace freightsim {

namespace {

// Code points of UTF-8 text (ill-formed bytes become U+FFFD): distances count characters, not bytes, so a
// Cyrillic letter typed for another is one edit, as a Latin one is.
std::u32string code_points(std::string_view text) {
  std::u32string out;
  std::int32_t i = 0;
  const auto length = static_cast<std::int32_t>(text.size());
  while (i < length) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(text.data()), i, length, c);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

std::string nfc(std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(text);
  const icu::UnicodeString normal =
      normalizer->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), text.size())), status);
  std::string out;
  return U_FAILURE(status) ? std::string(text) : normal.toUTF8String(out);
}

// Unicode's confusable skeletons (UTS #39): two ids with the same skeleton look alike ("сat" with a
// Cyrillic 'с' and "cat").
class skeletons {
 public:
  skeletons() {
    UErrorCode status = U_ZERO_ERROR;
    checker_.reset(uspoof_open(&status));
    if (U_FAILURE(status)) checker_.reset();
  }

  [[nodiscard]] std::string of(std::string_view text) const {
    if (!checker_) return std::string(text);
    UErrorCode status = U_ZERO_ERROR;
    const auto length = static_cast<std::int32_t>(text.size());
    const std::int32_t needed =
        uspoof_getSkeletonUTF8(checker_.get(), 0, text.data(), length, nullptr, 0, &status);
    if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(status)) return std::string(text);
    std::string out(static_cast<std::size_t>(needed) + 1, '\0');
    status = U_ZERO_ERROR;
    uspoof_getSkeletonUTF8(checker_.get(), 0, text.data(), length, out.data(), needed + 1, &status);
    if (U_FAILURE(status)) return std::string(text);
    out.resize(static_cast<std::size_t>(needed));
    return out;
  }

 private:
  struct close_checker {
    void operator()(USpoofChecker* c) const { uspoof_close(c); }
  };
  std::unique_ptr<USpoofChecker, close_checker> checker_;
};

// How two ids that look alike differ, for a message, or "" when they do not (other than as plain text).
std::string look_alike(std::string_view word, const std::string& candidate, const skeletons& skeleton) {
  if (word == candidate) return {};
  if (nfc(word) == nfc(candidate))
    return " the two differ only in Unicode normalization (composed letters, NFC, against decomposed ones, "
           "NFD): retype one of them";
  if (skeleton.of(word) != skeleton.of(candidate)) return {};
  // The first character that differs, named with its code point and script.
  const std::u32string a = code_points(nfc(word)), b = code_points(nfc(candidate));
  const auto [x, y] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (x == a.end() || y == b.end()) return " the two only look alike";
  const auto describe = [](char32_t c) {
    UErrorCode status = U_ZERO_ERROR;
    const char* script = uscript_getName(uscript_getScript(static_cast<UChar32>(c), &status));
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
    std::string utf8;
    icu::UnicodeString(static_cast<UChar32>(c)).toUTF8String(utf8);
    return std::string(script ? script : "Unknown") + " '" + utf8 + "' (" + code + ")";
  };
  return " it has a " + describe(*y) + " where this has a " + describe(*x) + ", which looks the same";
}

// The scripts of the letters in `word` (Common and Inherited, such as digits and '_', left out).
std::set<std::string> letter_scripts(std::string_view word) {
  std::set<std::string> out;
  for (const char32_t c : code_points(word)) {
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    out.insert(uscript_getName(script));
  }
  return out;
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates,
                                   const skeletons& skeleton) {
  // An id that looks the same (other normalization, or a letter of another script that looks alike) is what
  // was meant, however far it is in edits.
  for (const auto& c : candidates)
    if (!look_alike(word, c, skeleton).empty()) return c;
  const std::u32string w = code_points(word);
  const std::size_t limit = std::max<std::size_t>(2, w.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(w, code_points(c));
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  if (best || w.size() < 3) return best;
  // An abbreviation ("expo" for "exponential") is far in edits but a clear prefix of exactly one candidate.
  for (const auto& c : candidates) {
    if (c.compare(0, word.size(), word) != 0) continue;
    if (best) return std::nullopt;
    best = c;
  }
  return best;
}

}  // namespace

std::size_t edit_distance(std::u32string_view a, std::u32string_view b) {
  // Levenshtein distance, one row at a time.
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitute = diagonal + (a[i - 1] == b[j - 1] ? 0 : 1);
      diagonal = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
    }
  }
  return row[b.size()];
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  return edit_distance(code_points(a), code_points(b));
}

std::optional<std::string> closest(std::string_view word, const std::vector<std::string>& candidates) {
  return closest(word, candidates, skeletons());
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const skeletons skeleton;
  if (const auto c = closest(word, candidates, skeleton))
    return " (did you mean '" + *c + "'?" + look_alike(word, *c, skeleton) + ")";
  // No id is near, but letters of two scripts in one id are most likely a slip of the keyboard layout.
  if (const auto scripts = letter_scripts(word); scripts.size() > 1) {
    std::string names;
    for (const auto& s : scripts)
      names += (names.empty() ? "" : " and ") + s;
    return " ('" + std::string(word) + "' mixes " + names + " letters)";
  }
  return {};
}

}  // namespace freightsim
