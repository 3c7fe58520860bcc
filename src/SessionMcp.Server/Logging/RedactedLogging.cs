namespace SessionMcp.Server.Logging;

/// <summary>Wraps every logger provider registered so far in a <see cref="RedactingLoggerProvider"/>.</summary>
internal static class RedactedLogging
{
    /// <param name="services">The host's services, after its logging providers are added.</param>
    /// <param name="configuration">Where the secrets to hide are configured (API keys, the model's key).</param>
    public static void RedactAllLogs(this IServiceCollection services, IConfiguration configuration)
    {
        var secrets = configuration.GetSection("SessionMcp:Http:ApiKeys").GetChildren().Select(k => k.Value)
            .Append(configuration["SessionMcp:Model:ApiKey"])
            .OfType<string>()
            .ToList();
        var redaction = new LogRedaction(secrets);
        for (var i = 0; i < services.Count; i++)
        {
            var descriptor = services[i];
            if (descriptor.ServiceType == typeof(ILoggerProvider))
            {
                services[i] = ServiceDescriptor.Singleton<ILoggerProvider>(provider => new RedactingLoggerProvider(Inner(descriptor, provider), redaction));
            }
        }
    }

    private static ILoggerProvider Inner(ServiceDescriptor descriptor, IServiceProvider provider) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
