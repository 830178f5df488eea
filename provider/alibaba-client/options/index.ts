export {
    ARGUMENT_NAMES,
    CALL_ARGUMENT_NAMES,
    documentation,
    FLAG_NAMES,
    OPTION_DEFINITIONS,
    OPTION_NAMES,
    OptionDefinition,
    OptionName,
    OptionNameSetAs,
    OptionPlaces,
    OPTIONS,
    optionsSetAs,
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
    throwProblems,
    unknownKeyProblems,
    valueProblem,
} from "./validate-options";
