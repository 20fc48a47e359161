// The function's bootstrap on Lambda's provided.al2023 runtime (and in Steward.Local): the runtime API loop around Function.Handle.
return await Steward.Aws.Hosting.LambdaRuntime.RunAsync(() => new Steward.InstanceRequests.Function().Handle);
