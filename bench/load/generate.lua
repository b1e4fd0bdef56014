-- wrk script: POST generateContent with the key from the environment
-- (GEMINI_API_KEY), in the x-goog-api-key header as clients send it.
wrk.method = "POST"
wrk.path = "/v1beta/models/gemini-2.5-flash:generateContent"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["x-goog-api-key"] = os.getenv("GEMINI_API_KEY")
wrk.body = '{"contents":[{"role":"user","parts":[{"text":"Why is the sky blue?"}]}]}'

done = function(summary, latency, requests)
  io.write(string.format("non-2xx: %d\n", summary.errors.status))
end
