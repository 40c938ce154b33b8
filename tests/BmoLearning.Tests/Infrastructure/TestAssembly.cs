// Hangfire keeps some configuration in static state, and each test host owns a worker: run test
// classes one at a time so hosts never share that state. Tests inside a class still run in order.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
