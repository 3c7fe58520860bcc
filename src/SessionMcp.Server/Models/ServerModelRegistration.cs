using SessionMcp.Core.Tasks.Prompt;
using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;

namespace SessionMcp.Server.Models;

/// <summary>Registers the server's own model as an <see cref="IChatClient"/> when <c>SessionMcp:Model</c> names one.</summary>
internal static class ServerModelRegistration
{
    public static IServiceCollection AddServerModel(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ModelOptions();
        configuration.GetSection(ModelOptions.SectionName).Bind(options);
        if (!options.IsConfigured)
        {
            return services;
        }

        services.AddSingleton(new ServerModel(new OpenAIClient(
                new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "none" : options.ApiKey),
                new OpenAIClientOptions { Endpoint = new Uri(options.Endpoint!) })
            .GetChatClient(options.Name)
            .AsIChatClient(), $"the server's model {options.Name} at {options.Endpoint}"));
        return services;
    }
}
