import TFWizardCore
print(Strings(language: "en")["app.title"])
