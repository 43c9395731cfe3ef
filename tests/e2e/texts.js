// The texts a page shows: its visible lines, button values, options, placeholders,
// titles, aria-labels and alt texts, leaving out those marked as another language
// or as not to be translated.
(() => {
    const language = document.documentElement.lang;
    const own = (element) => {
        const marked = element.closest("[lang]");
        return !marked || marked.lang.split("-")[0] === language;
    };
    const foreign = new Set();
    // Codes and other text marked translate="no" are in no language.
    for (const element of document.body.querySelectorAll("[lang], [translate=no]")) {
        if (!own(element) || element.getAttribute("translate") === "no") {
            for (const line of element.innerText.split("\n")) foreign.add(line.trim());
        }
    }
    const texts = document.body.innerText.split("\n").map((line) => line.trim())
        .filter((line) => line && !foreign.has(line));
    texts.push(document.title);
    const inputs = "input[type=submit], input[type=button], input[type=reset]";
    for (const input of document.querySelectorAll(inputs)) if (own(input)) texts.push(input.value);
    for (const option of document.querySelectorAll("option")) {
        if (own(option)) texts.push(option.textContent);
    }
    for (const name of ["placeholder", "title", "aria-label", "alt"]) {
        for (const element of document.querySelectorAll(`[${name}]`)) {
            if (own(element)) texts.push(element.getAttribute(name));
        }
    }
    return {language, texts};
})
