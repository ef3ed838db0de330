return CommandShell.CreateDefault().Run(args, new CommandContext(Console.Out, Console.Error, Environment.CurrentDirectory));
