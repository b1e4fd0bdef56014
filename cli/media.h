// Media files for the genai command: inline parts from --image / --file
// paths, and images from an answer written to disk (never dumped as base64
// on a terminal), with names that never clobber a file unless asked to.
#ifndef GENAI_CLI_MEDIA_H_
#define GENAI_CLI_MEDIA_H_

#include <optional>
#include <string>
#include <vector>

#include "genai/genai.h"

namespace genai::cli {

// "out.png" for one image; "out-1.png" ... "out-N.png" for several.
std::vector<std::string> numbered_paths(const std::string& path, size_t n);

// The usual extension of an image MIME type (".png", ".jpg", ...; ".bin" if unknown).
std::string extension_for(const std::string& mime_type);

// Parts for the files given with --image and --file (MIME from content).
// `images` must turn out to be images. On failure prints the error and
// returns nullopt with *exit_code set.
std::optional<std::vector<Part>> parts_from_files(const std::vector<std::string>& images,
                                                  const std::vector<std::string>& files, int* exit_code);

// Writes `image` to `path` (atomically; an existing file only with `force`)
// and says so on stderr: "wrote out.png (image/png, 1234 bytes)". Returns an
// exit code.
int save_image(const Image& image, const std::string& path, bool force);

// Saves the images of an answer in `dir` as image-N.<ext>, taking the first
// N whose file does not exist yet, so earlier answers are never overwritten.
// Returns an exit code.
int save_answer_images(const std::vector<Image>& images, const std::string& dir);

// Saves an answer's speech as a WAV file: at `path` when given (replacing
// it), else in `dir` as speech-N.wav with the first N not taken. Says so on
// stderr ("wrote speech-1.wav (audio/wav, 24000 Hz, 2.3 s)"). Returns an exit code.
int save_answer_audio(const PcmAudio& audio, const std::string& path, const std::string& dir);

}  // namespace genai::cli

#endif  // GENAI_CLI_MEDIA_H_
