using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Tether.Relay.Connections;
using Tether.Relay.Observability;
using Tether.Relay.StaticFiles;

namespace Tether.Relay.Hosting;

/// <summary>Builds the relay's ASP.NET Core application; the request pipeline reads top to bottom.</summary>
internal static class RelayApplication
{
    public static (WebApplication App, RelayNode Node) Build(RelayOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(RelayApplication).Assembly.GetName().Name,
            ContentRootPath = Directory.GetCurrentDirectory(),
            Args = [],
        });

        // Only what the caller passes: an embedded relay reads no environment or files of its host.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        if (options.Configuration is { } configuration)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        builder.Logging.ClearProviders();
        options.Logging?.Invoke(builder.Logging);

        // ASP.NET Core's request logs name the path, and the path holds the channel id (invariant 1):
        // keep the framework to warnings, and turn its hosting diagnostics off entirely, since their
        // request scope would carry the path into every line logged while a connection runs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        builder.Services.AddSingleton<IHostLifetime, NullHostLifetime>();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Configure(context.Configuration.GetSection("Kestrel"), reloadOnChange: false);
        });

        var app = builder.Build();
        var node = new RelayNode(options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Tether.Relay"));
        var files = StaticSite.Files(options.StaticFilesRoot, app.Environment.ContentRootPath);
        var channels = new ConnectionHandler(node);

        app.UseMiddleware<SecurityHeaders>();
        app.Map("/healthz", health => health.Run(context => HealthAsync(context, node)));
        app.Map("/metrics", metrics => metrics.Run(context => MetricsAsync(context, node)));
        app.Map("/v1/channels", channel =>
        {
            channel.Use(BatchingUpgradeFeature.Install);
            channel.UseWebSockets();
            channel.Run(channels.HandleAsync);
        });
        app.UseStaticSite(files);
        return (app, node);
    }

    private static Task HealthAsync(HttpContext context, RelayNode node)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = node.IsStopping ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return context.Response.WriteAsync(node.IsStopping ? "stopping\n" : "ok\n");
    }

    private static Task MetricsAsync(HttpContext context, RelayNode node)
    {
        context.Response.ContentType = PrometheusText.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(PrometheusText.Render(node.Metrics));
    }
}
