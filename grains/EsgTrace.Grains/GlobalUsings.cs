global using Orleans;
global using Orleans.Runtime;
global using EsgTrace.Domain;
