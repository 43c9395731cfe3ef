// Whether the page is wider than the window; if so, the innermost elements that
// end beyond its right edge (outside any scrolling box such as .table-responsive).
(() => {
    const width = window.innerWidth;
    const scrollWidth = document.documentElement.scrollWidth;
    if (scrollWidth <= width) return null;
    const clipped = (element) => {
        for (let node = element.parentElement; node && node !== document.body;
             node = node.parentElement) {
            if (getComputedStyle(node).overflowX !== "visible") return true;
        }
        return false;
    };
    const beyond = [...document.body.querySelectorAll("*")].filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > width + 0.5 && !clipped(element);
    });
    const innermost = beyond.filter(
        (element) => !beyond.some((other) => other !== element && element.contains(other))
    );
    const describe = (element) => {
        const box = element.getBoundingClientRect();
        const classes = [...element.classList].slice(0, 3).map((name) => "." + name).join("");
        const text = (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 40);
        return `${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}${classes} `
            + `"${text}" ends at ${Math.round(box.right)}px`;
    };
    return `scrollWidth ${scrollWidth}px > ${width}px; ` + innermost.slice(0, 8).map(describe).join("; ");
})
