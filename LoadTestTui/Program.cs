using LoadTestTui.Cli;

return await LoadTestCli.RunAsync(args);
