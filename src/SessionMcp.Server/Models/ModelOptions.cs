namespace SessionMcp.Server.Models;

/// <summary>
/// A model on the server for prompt runs, bound from <c>SessionMcp:Model</c>: any OpenAI-compatible chat endpoint
/// (OpenAI, Ollama's /v1, llama.cpp, vLLM, LM Studio). Without one, prompt runs use the client's model through sampling.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "SessionMcp:Model";

    /// <summary>The endpoint's base URL, such as <c>https://api.openai.com/v1</c> or <c>http://127.0.0.1:11434/v1</c>.</summary>
    /// <value>Unset: no server model.</value>
    public string? Endpoint { get; set; }

    /// <summary>The model's name at that endpoint, such as <c>gpt-4.1-mini</c> or <c>qwen2.5:7b</c>.</summary>
    /// <value>Unset: no server model.</value>
    public string? Name { get; set; }

    /// <summary>The endpoint's API key; local servers accept any.</summary>
    /// <value>Unset: "none".</value>
    public string? ApiKey { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Name);
}
