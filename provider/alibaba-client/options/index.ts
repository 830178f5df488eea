export {
    ARGUMENT_NAMES,
    CALL_ARGUMENT_NAMES,
    defaultDocumentation,
    descriptionText,
    DocWords,
    documentation,
    FLAG_NAMES,
    inWords,
    KEY_PAIR,
    KEY_PAIR_TOKEN,
    OPTION_DEFINITIONS,
    OPTION_NAMES,
    OptionDefinition,
    OptionName,
    OptionNameSetAs,
    OptionPlaces,
    OPTIONS,
    optionsSetAs,
    PULUMI_WORDS,
    RESOURCE_INPUT_OPTION_NAMES,
    RESULT_ARGUMENT_NAMES,
    SECRET_OPTION_NAMES,
    SETTING_NAMES,
} from "./option-table";
export { AssumeRoleSettings, OptionValues } from "./option-values";
export { CLIENT_VOCABULARY, envPlace, pairText, Place, placeText, Vocabulary } from "./places";
export { acceptedText, FieldRule, Rule } from "./rules";
export { isSettingName, ProviderSettings, readSettings, SettingName, SettingProblem, SettingsReading } from "./settings";
export {
    ArgumentProblem,
    argumentNameOf,
    argumentProblems,
    assertValidOptions,
    nearestName,
    optionProblems,
    readOptionsOnce,
    ruleProblem,
    throwProblems,
    unknownKeyProblems,
    valueProblem,
} from "./validate-options";
