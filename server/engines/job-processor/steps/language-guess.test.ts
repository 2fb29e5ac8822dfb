import { describe, expect, it } from "vitest";
import { guessLanguage } from "./language-guess";

const SAMPLES = {
  English: "The committee said that it would publish the report in the spring, and that all of the members were in favour of the plan.",
  French: "Le comité a dit qu'il publierait le rapport au printemps, et que tous les membres étaient en faveur de ce plan pour la ville.",
  German: "Der Ausschuss sagte, dass er den Bericht im Frühjahr veröffentlichen wird und dass alle Mitglieder für den Plan der Stadt sind.",
  Spanish: "El comité dijo que publicaría el informe en la primavera, y que todos los miembros estaban a favor del plan para la ciudad.",
  Italian: "Il comitato ha detto che pubblicherà il rapporto nella primavera, e che tutti i membri sono a favore del piano per la città.",
  Portuguese: "O comitê disse que vai publicar o relatório na primavera, e que todos os membros são a favor do plano para a cidade também.",
  Dutch: "Het comité zei dat het het rapport in het voorjaar zal publiceren en dat alle leden voor het plan van de stad zijn.",
} as const;

describe("guessLanguage", () => {
  for (const [language, text] of Object.entries(SAMPLES)) {
    it(`recognises ${language}`, () => {
      expect(guessLanguage(text).language).toBe(language);
    });
  }

  it("says unknown for too few words, for no function words and for other languages", () => {
    expect(guessLanguage("Hello there").language).toBeNull();
    expect(guessLanguage("Alpha beta gamma delta epsilon zeta eta theta").language).toBeNull();
    expect(guessLanguage("Komitea sanoi, että se julkaisee raportin keväällä ja kaikki jäsenet kannattavat suunnitelmaa.").language).toBeNull();
    expect(guessLanguage("12 34 56 78 90 11").language).toBeNull();
  });
});
