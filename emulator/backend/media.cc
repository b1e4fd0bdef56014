#include "emulator/backend/media.h"

#include <algorithm>
#include <cctype>

#include "emulator/auth/crypto.h"
#include "emulator/backend/image_gen.h"
#include "emulator/backend/png.h"

namespace genai::emulator {
namespace {

using ojson = nlohmann::ordered_json;

bool has_modality(const ojson& gc, const char* want) {
  for (const ojson& m : gc.value("responseModalities", ojson::array())) {
    if (!m.is_string()) continue;
    std::string up = m.get<std::string>();
    std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    if (up == want) return true;
  }
  return false;
}

}  // namespace

std::string describe_inline_media(const ojson& content) {
  std::string out;
  for (const ojson& p : content.value("parts", ojson::array())) {
    if (!p.contains("inlineData") || !p["inlineData"].is_object()) continue;
    const ojson& blob = p["inlineData"];
    const std::string mime = blob.value("mimeType", "");
    const std::optional<std::string> bytes = base64_decode(blob.value("data", ""));
    if (!out.empty()) out += ' ';
    if (!bytes) {
      out += "The " + mime + " data I received is not valid base64.";
      continue;
    }
    if (mime.rfind("image/", 0) == 0) {
      const std::optional<ImageHeader> h = read_image_header(*bytes);
      if (!h) {
        out += "The " + std::to_string(bytes->size()) + " bytes declared " + mime + " are not an image I can read.";
      } else if (h->mime_type != mime) {
        out += "I see a " + std::to_string(h->width) + "x" + std::to_string(h->height) + " " + h->mime_type +
               " image, although it was declared " + mime + ".";
      } else {
        out += "I see a " + std::to_string(h->width) + "x" + std::to_string(h->height) + " " + mime + " image.";
      }
    } else {
      out += "I received " + std::to_string(bytes->size()) + " bytes of " + mime + ".";
    }
  }
  return out;
}

bool wants_image(const ojson& gc) { return has_modality(gc, "IMAGE"); }

bool wants_audio(const ojson& gc) { return has_modality(gc, "AUDIO"); }

bool wants_text(const ojson& gc) { return !gc.contains("responseModalities") || has_modality(gc, "TEXT"); }

std::string gemini_image_png(std::uint64_t seed, const ojson& gc) {
  const ojson ratio = gc.value("imageConfig", ojson::object()).value("aspectRatio", ojson("1:1"));
  const std::optional<ImageSize> size = ratio.is_string() ? gemini_image_size(ratio.get<std::string>()) : std::nullopt;
  return render_png(seed, size.value_or(ImageSize{1024, 1024}));
}

}  // namespace genai::emulator
