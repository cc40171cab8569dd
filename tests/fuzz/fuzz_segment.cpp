// fuzz_segment: segment() and tokenize() on any valid UTF-8 LF text.
// Input: byte 0 picks where segmentation begins; bytes 1 and 2 pick a range to tokenize; the rest,
// made valid UTF-8 with LF ends (ill-formed bytes become '?'), is the text.
#include "fuzz_support.h"

using namespace storydiff;

namespace {

// An offset in [0, text.size()] picked by a byte, moved back to a code point boundary.
std::size_t pick(std::string_view text, std::uint8_t byte) {
  std::size_t at = text.empty() ? 0 : (static_cast<std::size_t>(byte) * (text.size() + 1)) / 256;
  while (at > 0 && !fuzz::boundary(text, at)) --at;
  return at;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 3) return 0;
  const std::string text = fuzz::make_valid_lf(std::string_view(reinterpret_cast<const char*>(data) + 3, size - 3));
  const std::string_view t = text;

  // Segmentation from the start (what read_document does for text) and from an offset (past an
  // article header).
  for (const std::size_t begin : {std::size_t{0}, pick(t, data[0])}) {
    const Segmentation seg = segment(t, begin);
    fuzz::check_segmentation(t, begin, seg.paragraphs, seg.sentences);
    // Tokens cover each sentence exactly; the tokens of a sentence's text cut out on its own are
    // the same (tokenize looks at nothing outside its range).
    std::vector<Token> tokens, alone;
    for (const Sentence& s : seg.sentences) {
      tokens.clear();
      tokenize(t, s.start, s.end, tokens);
      fuzz::check_tokens(t, s.start, s.end, tokens);
      const std::string_view piece = t.substr(s.start, s.end - s.start);
      alone.clear();
      tokenize(piece, 0, piece.size(), alone);
      FUZZ_CHECK(alone.size() == tokens.size());
      for (std::size_t k = 0; k < alone.size(); ++k) {
        FUZZ_CHECK(alone[k].start + s.start == tokens[k].start);
        FUZZ_CHECK(alone[k].end + s.start == tokens[k].end);
        FUZZ_CHECK(alone[k].kind == tokens[k].kind);
      }
    }
  }

  // An arbitrary range, and the whole text.
  std::size_t a = pick(t, data[1]), b = pick(t, data[2]);
  if (a > b) std::swap(a, b);
  std::vector<Token> tokens;
  tokenize(t, a, b, tokens);
  fuzz::check_tokens(t, a, b, tokens);
  tokens.clear();
  tokenize(t, 0, t.size(), tokens);
  fuzz::check_tokens(t, 0, t.size(), tokens);
  return 0;
}
