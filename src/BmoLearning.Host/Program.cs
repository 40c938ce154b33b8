Console.WriteLine("bmo");
