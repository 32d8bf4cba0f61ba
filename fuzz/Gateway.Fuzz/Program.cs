using PasskeyGateway.Fuzz;

// Gateway.Fuzz <target>              one AFL++ session on that target (stdin is the input; outside AFL++ it runs once,
//                                    so `Gateway.Fuzz attestation < crash-file` replays a finding with its stack trace)
// Gateway.Fuzz seed <target> <dir>   writes the seeds the target derives from the recorded ceremonies
return args switch
{
    [var name] when FuzzTargets.Find(name) is { } create => FuzzCommand.Fuzz(create),
    ["seed", var name, var directory] when FuzzTargets.Find(name) is { } create => FuzzCommand.Seed(create, directory),
    _ => FuzzCommand.Usage(),
};
