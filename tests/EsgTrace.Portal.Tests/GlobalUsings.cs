global using EsgTrace.Domain;
