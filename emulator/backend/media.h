// The emulated model's eyes and brush: what it says about the media it was
// sent inline (read from the bytes themselves: "a 64x48 image/png image"), and
// the picture it draws when the request asks for IMAGE output.
#ifndef GENAI_EMULATOR_BACKEND_MEDIA_H_
#define GENAI_EMULATOR_BACKEND_MEDIA_H_

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace genai::emulator {

// One sentence per inlineData part of `content` ("I see a 64x48 image/png
// image." / "I received 1234 bytes of audio/wav."); a part whose base64 does
// not decode, or whose bytes are not the declared image type, is said so.
// Empty when the content has no inline data.
std::string describe_inline_media(const nlohmann::ordered_json& content);

// generationConfig.responseModalities contains "IMAGE" (any case).
bool wants_image(const nlohmann::ordered_json& generation_config);
// responseModalities includes AUDIO (a TTS model).
bool wants_audio(const nlohmann::ordered_json& generation_config);
// ... contains "TEXT", or is absent (text is the default).
bool wants_text(const nlohmann::ordered_json& generation_config);

// What a Gemini image model returns: a PNG drawn from `seed`, at the size of
// generationConfig.imageConfig.aspectRatio (1024x1024 when absent; the routes
// refuse a ratio the model does not know).
std::string gemini_image_png(std::uint64_t seed, const nlohmann::ordered_json& generation_config);
// The tokens Google bills for one output image (any of the ratios).
inline constexpr int64_t kImageOutputTokens = 1290;

}  // namespace genai::emulator

#endif  // GENAI_EMULATOR_BACKEND_MEDIA_H_
