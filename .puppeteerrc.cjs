// @daisy/ace-cli (a test tool) depends on the full puppeteer, whose install step downloads a
// browser: impossible offline and never needed, as Pamphlet drives the system's Chromium.
// npm 11 is told by package.json's allowScripts; npm 10 runs the step, which reads this file.
module.exports = {skipDownload: true};
