//! The words the charts write themselves, in the six official UN languages:
//! one catalogue per language, so that no other module spells a language out.

use crate::spec::Lang;

/// The fixed words of one language.
#[derive(Debug)]
pub struct Words {
    /// "Source: " before the source line.
    pub source: &'static str,
    /// "Note: " before the note.
    pub note: &'static str,
    /// Default name of what parts leave of a total.
    pub other: &'static str,
    /// Key entry of the light part of a range (a slice, squares): what it means.
    pub uncertain: &'static str,
    /// The present, on a timeline.
    pub now: &'static str,
    /// Between a label and its value in keys ("Urban: 58%").
    pub label_sep: &'static str,
    /// "{n} of {total}" for a count out of a whole ("1 of 8").
    pub of_total: fn(&str, &str) -> String,
    /// Waffle caption when a square stands for an amount.
    pub each_square: &'static str,
    /// Waffle caption when a square is a fraction of the whole.
    pub square_fraction: fn(u32) -> String,
    /// Change texts of gap charts: "up to {x}", "about {x}".
    pub up_to: &'static str,
    /// See `up_to`.
    pub about: &'static str,
    /// Amount and ratio of a change: "+79 million, ×2.5".
    pub change: fn(&str, &str) -> String,
    /// Names of the chart kinds, for the spoken summary.
    pub kinds: [&'static str; 9],
    /// Sentence end, list separator, label–value separator, colon.
    pub stop: &'static str,
    /// See `stop`.
    pub list_sep: &'static str,
    /// See `stop`.
    pub pair_sep: &'static str,
    /// See `stop`.
    pub colon: &'static str,
    /// "; and {n} more".
    pub more: fn(usize) -> String,
    /// Table headers: series, year, label, value, note.
    pub headers: [&'static str; 5],
    /// Written in a chart whose value labels fit nowhere.
    pub values_left_out: &'static str,
}

const EN: Words = Words {
    source: "Source: ",
    note: "Note: ",
    other: "Other",
    uncertain: "Uncertain: the range of the estimate",
    now: "now",
    label_sep: ": ",
    of_total: |n, t| format!("{n}\u{a0}of\u{a0}{t}"),
    each_square: "Each square = ",
    square_fraction: |n| format!("Each square = 1/{n} of the total"),
    up_to: "up to ",
    about: "about ",
    change: |a, r| format!("{a}, ×{r}"),
    kinds: ["Bar chart", "Line chart", "Area chart", "Change chart", "Donut chart", "Pie chart", "Waffle chart", "Key figure", "Timeline"],
    stop: ". ",
    list_sep: "; ",
    pair_sep: ", ",
    colon: ": ",
    more: |n| format!("; and {n} more"),
    headers: ["Series", "Year", "Label", "Value", "Note"],
    values_left_out: "Values: no room",
};

const ZH: Words = Words {
    source: "来源：",
    note: "注：",
    other: "其他",
    uncertain: "不确定部分：估计区间",
    now: "现在",
    label_sep: "：",
    of_total: |n, t| format!("{n}/{t}"),
    each_square: "每格 = ",
    square_fraction: |n| format!("每格 = 总数的1/{n}"),
    up_to: "最多",
    about: "约",
    change: |a, r| format!("{a}，{r}倍"),
    kinds: ["条形图", "折线图", "面积图", "变化图", "环形图", "饼图", "方格图", "关键数字", "时间线"],
    stop: "。",
    list_sep: "；",
    pair_sep: "，",
    colon: "：",
    more: |n| format!("；另有{n}项"),
    headers: ["系列", "年份", "标签", "数值", "注"],
    values_left_out: "数值：空间不足",
};

const FR: Words = Words {
    source: "Source : ",
    note: "Note : ",
    other: "Autres",
    uncertain: "Part incertaine : fourchette de l’estimation",
    now: "aujourd’hui",
    label_sep: " : ",
    of_total: |n, t| format!("{n}\u{a0}sur\u{a0}{t}"),
    each_square: "Chaque carré = ",
    square_fraction: |n| format!("Chaque carré = 1/{n} du total"),
    up_to: "jusqu’à ",
    about: "environ ",
    change: |a, r| format!("{a}, ×{r}"),
    kinds: ["Diagramme en barres", "Graphique linéaire", "Graphique en aires", "Graphique d’évolution", "Anneau", "Camembert", "Diagramme en gaufre", "Chiffre clé", "Chronologie"],
    stop: ". ",
    list_sep: " ; ",
    pair_sep: ", ",
    colon: " : ",
    more: |n| format!(" ; et {n} autres"),
    headers: ["Série", "Année", "Libellé", "Valeur", "Note"],
    values_left_out: "Valeurs : pas de place",
};

const ES: Words = Words {
    source: "Fuente: ",
    note: "Nota: ",
    other: "Otros",
    uncertain: "Parte incierta: intervalo de la estimación",
    now: "hoy",
    label_sep: ": ",
    of_total: |n, t| format!("{n}\u{a0}de\u{a0}cada\u{a0}{t}"),
    each_square: "Cada cuadro = ",
    square_fraction: |n| format!("Cada cuadro = 1/{n} del total"),
    up_to: "hasta ",
    about: "unos ",
    change: |a, r| format!("{a}, ×{r}"),
    kinds: ["Gráfico de barras", "Gráfico de líneas", "Gráfico de áreas", "Gráfico de cambio", "Gráfico de anillo", "Gráfico circular", "Gráfico de cuadrícula", "Cifra clave", "Cronología"],
    stop: ". ",
    list_sep: "; ",
    pair_sep: ", ",
    colon: ": ",
    more: |n| format!("; y {n} más"),
    headers: ["Serie", "Año", "Etiqueta", "Valor", "Nota"],
    values_left_out: "Valores: sin espacio",
};

const RU: Words = Words {
    source: "Источник: ",
    note: "Примечание: ",
    other: "Прочие",
    uncertain: "Неопределенность: диапазон оценки",
    now: "сейчас",
    label_sep: ": ",
    of_total: |n, t| format!("{n}\u{a0}из\u{a0}{t}"),
    each_square: "Один квадрат = ",
    square_fraction: |n| format!("Один квадрат = 1/{n} общего числа"),
    up_to: "до ",
    about: "около ",
    change: |a, r| format!("{a}, ×{r}"),
    kinds: ["Столбчатая диаграмма", "Линейный график", "Диаграмма с областями", "Диаграмма изменения", "Кольцевая диаграмма", "Круговая диаграмма", "Вафельная диаграмма", "Ключевой показатель", "Хронология"],
    stop: ". ",
    list_sep: "; ",
    pair_sep: ", ",
    colon: ": ",
    more: |n| format!("; и ещё {n}"),
    headers: ["Ряд", "Год", "Подпись", "Значение", "Примечание"],
    values_left_out: "Значения: нет места",
};

const AR: Words = Words {
    source: "المصدر: ",
    note: "ملاحظة: ",
    other: "أخرى",
    uncertain: "جزء غير مؤكد: نطاق التقدير",
    now: "الآن",
    label_sep: ": ",
    of_total: |n, t| format!("{n}\u{a0}من\u{a0}كل\u{a0}{t}"),
    each_square: "كل مربع = ",
    square_fraction: |n| format!("كل مربع = 1/{n} من المجموع"),
    up_to: "حتى ",
    about: "حوالي ",
    change: |a, r| format!("{a}، ×{r}"),
    kinds: ["مخطط أعمدة", "مخطط خطي", "مخطط مساحي", "مخطط تغير", "مخطط حلقي", "مخطط دائري", "مخطط مربعات", "رقم رئيسي", "خط زمني"],
    stop: ". ",
    list_sep: "؛ ",
    pair_sep: "، ",
    colon: ": ",
    more: |n| format!("؛ و{n} أخرى"),
    headers: ["السلسلة", "السنة", "التسمية", "القيمة", "ملاحظة"],
    values_left_out: "القيم: لا توجد مساحة",
};

/// The catalogue of `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
        Lang::Fr => &FR,
        Lang::Es => &ES,
        Lang::Ru => &RU,
        Lang::Ar => &AR,
    }
}

/// The English name of a language, for messages to whoever writes a spec
/// (messages are in English, like serde's).
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Zh => "Chinese",
        Lang::Fr => "French",
        Lang::Es => "Spanish",
        Lang::Ru => "Russian",
        Lang::Ar => "Arabic",
    }
}
