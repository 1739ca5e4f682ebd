using Microsoft.Extensions.DependencyInjection;

namespace EsgTrace.Hosting.Telemetry;

/// <summary>Wraps a registered service in a decorator, keeping the registration's lifetime.</summary>
public static class ServiceDecoration
{
    /// <summary>Replaces the last registration of <typeparamref name="TService"/> by <paramref name="decorate"/> applied to what it built.</summary>
    public static IServiceCollection Decorate<TService>(this IServiceCollection services, Func<IServiceProvider, TService, TService> decorate)
        where TService : class
    {
        var index = -1;
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && !services[i].IsKeyedService)
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new InvalidOperationException($"No {typeof(TService).Name} is registered to decorate; register the storage seams first.");
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(typeof(TService), sp => decorate(sp, (TService)Build(sp, original)), original.Lifetime);
        return services;
    }

    private static object Build(IServiceProvider sp, ServiceDescriptor descriptor)
        => descriptor.ImplementationInstance
           ?? descriptor.ImplementationFactory?.Invoke(sp)
           ?? ActivatorUtilities.CreateInstance(sp, descriptor.ImplementationType!);
}
