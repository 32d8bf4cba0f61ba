using PasskeyGateway.CommandLine;

// gateway [--config PATH] [ASP.NET Core options] | gateway check-config | gateway token issue --sub …
// Serving is builder.AddGateway(); app.MapGateway(); see GatewayApp.
return await GatewayCommandLine.Create().Parse(args).InvokeAsync();
