// The umbrella header of libgenai: include this to get the whole public API.
//
//   #include <genai/genai.h>
//   auto client = genai::Client::create().value();
//   std::cout << client.models().generate_content("gemini-2.5-flash", "Hi").value().text();
#ifndef GENAI_GENAI_H_
#define GENAI_GENAI_H_

#include "genai/audio.h"
#include "genai/bulk.h"
#include "genai/auth/credentials.h"
#include "genai/auth/resolve.h"
#include "genai/auth_tokens.h"
#include "genai/batches.h"
#include "genai/caches.h"
#include "genai/chats.h"
#include "genai/client.h"
#include "genai/error.h"
#include "genai/file_search_stores.h"
#include "genai/file_service.h"
#include "genai/files.h"
#include "genai/http.h"
#include "genai/image.h"
#include "genai/live.h"
#include "genai/models.h"
#include "genai/operations.h"
#include "genai/options.h"
#include "genai/pager.h"
#include "genai/raw_json.h"
#include "genai/rest.h"
#include "genai/result.h"
#include "genai/schema.h"
#include "genai/secrets.h"
#include "genai/storage.h"
#include "genai/stream.h"
#include "genai/tunings.h"
#include "genai/types.h"
#include "genai/upload.h"
#include "genai/video.h"

#endif  // GENAI_GENAI_H_
