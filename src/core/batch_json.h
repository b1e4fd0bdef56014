// Internal: the wire mapping of the Batch API on both backends, as
// python-genai's _BatchJob_from_mldev/_from_vertex, _InlinedResponse_from_mldev
// and t_job_state: the Developer API's Operation (`metadata` a
// GenerateContentBatch) and Vertex AI's BatchPredictionJob become one BatchJob.
#ifndef GENAI_SRC_CORE_BATCH_JSON_H_
#define GENAI_SRC_CORE_BATCH_JSON_H_

#include <nlohmann/json.hpp>

#include "genai/batches.h"
#include "genai/pager.h"
#include "genai/result.h"

namespace genai::internal {

Result<BatchJob> parse_batch_job(bool vertexai, nlohmann::json j);
// Developer API {"operations": [...]}; Vertex AI {"batchPredictionJobs": [...]}.
Result<Page<BatchJob>> parse_batch_job_page(bool vertexai, nlohmann::json j);

// Vertex AI outputConfig {predictionsFormat, gcsDestination{outputUriPrefix} | bigqueryDestination{outputUri}}.
nlohmann::json vertex_output_config(const BatchJobDestination& dest);
// Vertex AI inputConfig {instancesFormat, gcsSource{uris} | bigquerySource{inputUri}}.
nlohmann::json vertex_input_config(const BatchJobSource& src);

}  // namespace genai::internal

#endif  // GENAI_SRC_CORE_BATCH_JSON_H_
