// Words the generator builds names and texts from. Private to src/bench.
#pragma once

#include <array>
#include <string_view>

namespace varde::bench {

inline constexpr std::array<std::string_view, 4> kRegionNames = {"Helse Nord RHF", "Helse Midt-Norge RHF",
                                                                  "Helse Vest RHF", "Helse Sør-Øst RHF"};

inline constexpr std::array<std::string_view, 24> kPlaces = {
    "Tromsø", "Bodø", "Harstad", "Narvik", "Mo i Rana", "Hammerfest", "Kirkenes", "Trondheim",
    "Levanger", "Namsos", "Ålesund", "Molde", "Kristiansund", "Bergen", "Stavanger", "Haugesund",
    "Førde", "Oslo", "Drammen", "Lillehammer", "Hamar", "Skien", "Arendal", "Kristiansand"};

inline constexpr std::array<std::string_view, 16> kFields = {
    "hjertemedisin", "lungemedisin", "ortopedi", "nevrologi", "psykisk helse", "rus og avhengighet",
    "barn og unge", "kvinnehelse", "bildediagnostikk", "laboratoriemedisin", "akuttmedisin", "kreft",
    "kirurgi", "rehabilitering", "anestesi", "medisinsk teknologi"};

inline constexpr std::array<std::string_view, 20> kGivenNames = {
    "Anne", "Kari", "Ingrid", "Marte", "Sara", "Ida", "Nora", "Hilde", "Liv", "Randi",
    "Ole", "Per", "Jonas", "Håkon", "Lars", "Erik", "Tor", "Øystein", "Magnus", "Arne"};

inline constexpr std::array<std::string_view, 20> kFamilyNames = {
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen", "Karlsen",
    "Berg", "Haugen", "Hagen", "Eriksen", "Strand", "Lund", "Dahl", "Aune", "Sæther", "Ås"};

// Pieces of requirement texts: an action and what it concerns.
inline constexpr std::array<std::string_view, 10> kActions = {
    "Videreutvikle", "Gjennomføre", "Dokumentere", "Følge opp", "Rapportere på", "Sikre", "Etablere",
    "Revidere", "Styrke", "Kartlegge"};

inline constexpr std::array<std::string_view, 12> kSubjects = {
    "den helhetlige risikostyringen for informasjonssikkerhet",
    "tilgangsstyringen i pasientjournalsystemene",
    "opplæringen i informasjonssikkerhet og personvern",
    "oversikten over databehandleravtaler",
    "beredskapsplanene for bortfall av IKT-tjenester",
    "logging og oppfølging av uautoriserte oppslag",
    "sårbarhetshåndteringen for medisinsk-teknisk utstyr",
    "behandlingsprotokollen etter personvernforordningen artikkel 30",
    "arbeidet med NSMs grunnprinsipper for IKT-sikkerhet",
    "avviksbehandlingen og læringen av sikkerhetshendelser",
    "ledelsens gjennomgang av styringssystemet",
    "sikkerhetskulturen blant ledere og medarbeidere"};

inline constexpr std::array<std::string_view, 8> kChapters = {
    "Vår felles helsetjeneste", "Informasjonssikkerhet og personvern", "Beredskap", "Organisasjon og ledelse",
    "Bemanning og kompetanse", "Økonomi", "Teknologi og digitalisering", "Oppfølging og rapportering"};

inline constexpr std::array<std::string_view, 6> kReportOpenings = {
    "Arbeidet går etter planen.", "Tiltakene er startet, men noe er forsinket.",
    "Foretaket har fullført arbeidet for perioden.", "Arbeidet er prioritert i neste periode.",
    "Det er satt av ressurser og utpekt ansvarlige.", "Status er behandlet i foretakets ledergruppe."};

}  // namespace varde::bench
