global using static Matchmaking.Application.Common.Bilingual;
