using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Brama.Extensions.DependencyInjection;

/// <summary>
/// Creates the registry when the host starts, so that an invalid <c>Brama</c> section stops the application at start
/// with a <see cref="BramaConfigurationException"/> instead of failing its first protected call.
/// </summary>
internal sealed class BramaStartupValidator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetRequiredService<ConnectionRegistry>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
